package org.dmlworkbench.projection;

import java.util.Arrays;
import java.util.Random;

/** Seeded sampling without replacement, so that a sampled map can be reproduced. */
final class SeededSample {

    private SeededSample() {
    }

    /**
     * Increasing indices of {@code min(count, size)} rows out of {@code count}: all rows when they
     * fit, else a sample chosen by a partial Fisher-Yates shuffle seeded with {@code seed}.
     */
    static int[] indices(int count, int size, long seed) {
        int[] all = all(count);
        if (size >= count) {
            return all;
        }
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(count - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        int[] chosen = Arrays.copyOf(all, size);
        Arrays.sort(chosen);
        return chosen;
    }

    /** 0, 1, ..., count - 1. */
    static int[] all(int count) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        return all;
    }
}
