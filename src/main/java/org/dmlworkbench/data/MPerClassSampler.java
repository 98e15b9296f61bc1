package org.dmlworkbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The metric-learning batch: batchSize/m distinct classes, m images of each, so every batch holds
 * positive pairs. Classes take turns in a shuffled order (reshuffled when all had a turn), and each
 * class hands out its images in a shuffled order; a class with fewer than m images (but at least
 * two) is drawn with replacement. A class with a single image is left out: it has no positive to
 * offer, and repeating the image would make a pair of identical embeddings. An epoch is
 * size/batchSize batches (at least one).
 */
public final class MPerClassSampler implements BatchSampler {

    private final int m;
    private final int batchSize;
    private final long seed;
    private final int classesPerBatch;
    private final int batchesPerEpoch;
    private final int[][] indicesByClass;
    private final int singletonClasses;

    public MPerClassSampler(int[] labels, int m, int batchSize, long seed) {
        if (m < 1 || batchSize < 1 || batchSize % m != 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be a positive multiple of m = "
                    + m + " (m images of each class per batch)");
        }
        int maxLabel = -1;
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("negative label " + label);
            }
            maxLabel = Math.max(maxLabel, label);
        }
        int[] counts = new int[maxLabel + 1];
        for (int label : labels) {
            counts[label]++;
        }
        List<int[]> groups = new ArrayList<>();
        int[] fill = new int[counts.length];
        int[][] byLabel = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byLabel[c] = new int[counts[c]];
        }
        for (int i = 0; i < labels.length; i++) {
            byLabel[labels[i]][fill[labels[i]]++] = i;
        }
        int singletons = 0;
        for (int[] group : byLabel) {
            if (group.length >= 2) {
                groups.add(group);
            } else if (group.length == 1) {
                singletons++;
            }
        }
        this.singletonClasses = singletons;
        this.classesPerBatch = batchSize / m;
        if (classesPerBatch > groups.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " with m = " + m + " needs "
                    + classesPerBatch + " distinct classes per batch, but only " + groups.size()
                    + " classes have 2 or more images" + (singletons > 0 ? " (" + singletons
                    + " have a single image, which gives no positive pair)" : "")
                    + "; lower the batch size or raise m");
        }
        this.m = m;
        this.batchSize = batchSize;
        this.seed = seed;
        this.indicesByClass = groups.toArray(new int[0][]);
        this.batchesPerEpoch = Math.max(1, labels.length / batchSize);
    }

    @Override
    public List<int[]> batches(int epoch) {
        SplittableRandom random = BatchSampler.random(seed, epoch);
        int classes = indicesByClass.length;
        int[][] pools = new int[classes][];
        int[] cursors = new int[classes];
        for (int c = 0; c < classes; c++) {
            pools[c] = indicesByClass[c].clone();
            ShuffleSampler.shuffle(pools[c], random);
        }
        int[] classOrder = new int[classes];
        for (int c = 0; c < classes; c++) {
            classOrder[c] = c;
        }
        ShuffleSampler.shuffle(classOrder, random);
        int position = 0;
        List<int[]> batches = new ArrayList<>(batchesPerEpoch);
        for (int b = 0; b < batchesPerEpoch; b++) {
            int[] batch = new int[batchSize];
            boolean[] chosen = new boolean[classes];
            for (int slot = 0; slot < classesPerBatch; slot++) {
                if (position == classes) {
                    ShuffleSampler.shuffle(classOrder, random);
                    position = 0;
                }
                if (chosen[classOrder[position]]) {
                    // A new round began inside this batch: bring forward a class not yet in it.
                    int j = position + 1;
                    while (chosen[classOrder[j]]) {
                        j++;
                    }
                    int t = classOrder[position];
                    classOrder[position] = classOrder[j];
                    classOrder[j] = t;
                }
                int c = classOrder[position++];
                chosen[c] = true;
                takeImages(c, pools, cursors, random, batch, slot * m);
            }
            batches.add(batch);
        }
        return batches;
    }

    private void takeImages(int c, int[][] pools, int[] cursors, SplittableRandom random, int[] batch, int at) {
        int[] pool = pools[c];
        if (pool.length < m) {
            for (int k = 0; k < m; k++) {
                batch[at + k] = pool[random.nextInt(pool.length)];
            }
            return;
        }
        if (cursors[c] + m > pool.length) {
            ShuffleSampler.shuffle(pool, random);
            cursors[c] = 0;
        }
        System.arraycopy(pool, cursors[c], batch, at, m);
        cursors[c] += m;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    public int m() {
        return m;
    }

    public int classesPerBatch() {
        return classesPerBatch;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public String describe() {
        return "m-per-class (m " + m + ", " + classesPerBatch + " classes per batch, batch " + batchSize
                + ", " + batchesPerEpoch + " batches per epoch, seed " + seed
                + (singletonClasses > 0 ? ", " + singletonClasses + " single-image classes left out" : "")
                + ")";
    }

    @Override
    public String toString() {
        return describe() + " over " + indicesByClass.length + " classes, sizes "
                + Arrays.toString(Arrays.stream(indicesByClass).mapToInt(g -> g.length).toArray());
    }
}
