package org.dmlworkbench.data;

import java.util.Arrays;

/**
 * The {@code auto} sampler: a plain shuffle while a batch holds enough images of each class to
 * form positive pairs, m-per-class batches when the classes are many and small (Stanford Online
 * Products: 11,318 classes with a median of 5 images, where a shuffled batch of 128 almost never
 * holds two images of one class).
 */
public final class BatchSamplers {

    /** A shuffled batch holding at least this many images per class on average needs no help. */
    static final int ENOUGH_PER_CLASS = 4;

    private BatchSamplers() {}

    /**
     * @param m images per class when m-per-class is chosen, lowered to 2 when the median class
     *     has fewer
     */
    public static BatchSampler auto(int[] labels, int batchSize, int m, long seed) {
        int[] sizes = classSizes(labels);
        long classes = Arrays.stream(sizes).filter(n -> n > 0).count();
        if ((long) batchSize >= ENOUGH_PER_CLASS * classes) {
            return new Chosen(new ShuffleSampler(labels.length, batchSize, seed, true),
                    "auto: shuffle, " + classes + " classes fill a batch of " + batchSize
                    + " with positive pairs");
        }
        int[] pairable = Arrays.stream(sizes).filter(n -> n >= 2).sorted().toArray();
        int median = pairable.length == 0 ? 0 : pairable[pairable.length / 2];
        int perClass = median >= m ? m : 2;
        if (pairable.length == 0 || batchSize % perClass != 0 || batchSize / perClass > pairable.length) {
            return new Chosen(new ShuffleSampler(labels.length, batchSize, seed, true),
                    "auto: shuffle, too few classes with 2+ images for m-per-class batches of "
                    + batchSize);
        }
        return new Chosen(new MPerClassSampler(labels, perClass, batchSize, seed),
                "auto: m-per-class, " + classes + " classes (median " + median + " images) are too"
                + " many for a shuffled batch of " + batchSize + " to hold pairs");
    }

    private static int[] classSizes(int[] labels) {
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] sizes = new int[max + 1];
        for (int label : labels) {
            sizes[label]++;
        }
        return sizes;
    }

    /** A sampler together with why auto chose it. */
    private record Chosen(BatchSampler sampler, String reason) implements BatchSampler {
        @Override
        public java.util.List<int[]> batches(int epoch) {
            return sampler.batches(epoch);
        }

        @Override
        public int batchSize() {
            return sampler.batchSize();
        }

        @Override
        public String describe() {
            return sampler.describe() + " [" + reason + "]";
        }
    }
}
