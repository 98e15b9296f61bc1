package org.dmlworkbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Every image once per epoch in a fresh random order, cut into batches. */
public final class ShuffleSampler implements BatchSampler {

    private final int size;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;

    /**
     * @param dropLast leave out the last, smaller batch (when size is not a multiple of batchSize)
     */
    public ShuffleSampler(int size, int batchSize, long seed, boolean dropLast) {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException("size and batch size must be positive, got "
                    + size + " and " + batchSize);
        }
        if (dropLast && batchSize > size) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + size
                    + " images, and dropping the incomplete batch would leave none; lower the batch size");
        }
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    @Override
    public List<int[]> batches(int epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        shuffle(order, BatchSampler.random(seed, epoch));
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < size; from += batchSize) {
            int to = Math.min(size, from + batchSize);
            if (to - from < batchSize && dropLast) {
                break;
            }
            batches.add(Arrays.copyOfRange(order, from, to));
        }
        return batches;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String describe() {
        return "shuffle (batch " + batchSize + ", " + (dropLast ? "drop last" : "keep last")
                + ", seed " + seed + ")";
    }

    /** Fisher-Yates. */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
