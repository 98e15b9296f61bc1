package org.dmlworkbench.data;

import java.util.List;

/**
 * Splits one epoch into batches of image indices. Deterministic: the same (seed, epoch) always
 * gives the same batches, whatever was sampled before, so a resumed run sees the same data.
 */
public interface BatchSampler {

    /** The batches of epoch {@code epoch} (0-based), each an array of indices into the set. */
    List<int[]> batches(int epoch);

    int batchSize();

    /** One line for logs and run records. */
    String describe();

    /** The random source of one epoch, independent of every other epoch. */
    static java.util.SplittableRandom random(long seed, int epoch) {
        return new java.util.SplittableRandom(seed * 1_000_003L + epoch);
    }
}
