package org.dmlworkbench.guided;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Triplets by class permutation (Guided DML): each epoch holds one batch per ordered pair of
 * classes (k, l), k != l, in a shuffled order; a batch has b anchors and b different positives
 * from class k and b negatives from class l, all distinct, with
 * b = min(triplets, smallest class size / 2). Batches are a pure function of (seed, epoch).
 */
public final class ClassPairTripletSampler {

    /** One mini-batch: indices into the training set. */
    public record TripletBatch(int anchorClass, int negativeClass, int[] anchors, int[] positives,
            int[] negatives) {}

    private final List<int[]> members = new ArrayList<>();
    private final int perBatch;
    private final long seed;

    /**
     * @param labels training labels 0..K-1; every class needs at least 2 images
     */
    public ClassPairTripletSampler(int[] labels, int triplets, long seed) {
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        }
        int classes = byClass.isEmpty() ? 0 : byClass.lastKey() + 1;
        if (byClass.size() < 2 || byClass.firstKey() < 0) {
            throw new IllegalArgumentException("triplets by class pair need at least 2 classes"
                    + " labelled from 0, got " + byClass.keySet());
        }
        int smallest = Integer.MAX_VALUE;
        for (int c = 0; c < classes; c++) {
            List<Integer> list = byClass.getOrDefault(c, List.of());
            if (list.size() < 2) {
                throw new IllegalArgumentException("class " + c + " has " + list.size()
                        + " training images; the guided master needs at least 2 per class");
            }
            members.add(list.stream().mapToInt(Integer::intValue).toArray());
            smallest = Math.min(smallest, list.size());
        }
        if (triplets < 1) {
            throw new IllegalArgumentException("triplets per batch must be >= 1, got " + triplets);
        }
        this.perBatch = Math.min(triplets, smallest / 2);
        this.seed = seed;
    }

    public int classes() {
        return members.size();
    }

    /** Triplets in each batch. */
    public int tripletsPerBatch() {
        return perBatch;
    }

    public int batchesPerEpoch() {
        return classes() * (classes() - 1);
    }

    public List<TripletBatch> batches(int epoch) {
        Random random = new Random(seed * 1_000_003L + epoch);
        List<int[]> pairs = new ArrayList<>();
        for (int k = 0; k < classes(); k++) {
            for (int l = 0; l < classes(); l++) {
                if (k != l) {
                    pairs.add(new int[] {k, l});
                }
            }
        }
        Collections.shuffle(pairs, random);
        List<TripletBatch> batches = new ArrayList<>();
        for (int[] pair : pairs) {
            int[] fromK = draw(members.get(pair[0]), 2 * perBatch, random);
            int[] fromL = draw(members.get(pair[1]), perBatch, random);
            int[] anchors = new int[perBatch];
            int[] positives = new int[perBatch];
            System.arraycopy(fromK, 0, anchors, 0, perBatch);
            System.arraycopy(fromK, perBatch, positives, 0, perBatch);
            batches.add(new TripletBatch(pair[0], pair[1], anchors, positives, fromL));
        }
        return batches;
    }

    /** {@code count} distinct members in random order (partial Fisher-Yates). */
    private static int[] draw(int[] pool, int count, Random random) {
        int[] copy = pool.clone();
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(copy.length - i);
            int swap = copy[i];
            copy[i] = copy[j];
            copy[j] = swap;
        }
        int[] out = new int[count];
        System.arraycopy(copy, 0, out, 0, count);
        return out;
    }
}
