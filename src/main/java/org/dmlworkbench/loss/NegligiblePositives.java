package org.dmlworkbench.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Finds the positives of each query that cannot reach the top k of the Recall@k surrogate: those
 * with at least {@code cutoff} other items (the query itself excluded) at least as similar to the
 * query. Each row is sorted once and every positive is located by binary search, O(B^2 log B) in
 * all, against the O(B^2 P) rank tensor that it shrinks.
 */
final class NegligiblePositives {

    /** Rows of S copied to the JVM at a time: 4M floats, 16 MB. */
    private static final long BLOCK_ELEMENTS = 1L << 22;

    private NegligiblePositives() {}

    static RecallSurrogate.Positives leftOut(RecallSurrogate.Positives positives,
            NDArray similarities, double cutoff) {
        int n = positives.labels().length;
        // no item can have more than n - 2 others above it: nothing to leave out
        if (cutoff > n - 2) {
            return positives;
        }
        int[][] scored = new int[n][];
        int block = (int) Math.max(1, Math.min(n, BLOCK_ELEMENTS / n));
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            float[] rows;
            try (NDArray part = similarities.get(new NDIndex("{}:{}", from, to))) {
                rows = part.toFloatArray();
            }
            int first = from;
            IntStream.range(from, to).parallel().forEach(q -> scored[q] = contenders(rows,
                    (q - first) * n, q, n, positives.lists()[q], cutoff));
        }
        return positives.scoring(scored);
    }

    /** The positives of query q with fewer than {@code cutoff} others at least as similar. */
    static int[] contenders(float[] rows, int offset, int q, int n, int[] positives, double cutoff) {
        if (positives.length == 0) {
            return positives;
        }
        float[] others = new float[n - 1];
        System.arraycopy(rows, offset, others, 0, q);
        System.arraycopy(rows, offset + q + 1, others, q, n - 1 - q);
        Arrays.sort(others);
        int[] kept = new int[positives.length];
        int count = 0;
        for (int x : positives) {
            float s = rows[offset + x];
            // others holds x itself, hence the - 1
            int atLeastAsSimilar = others.length - firstNotBelow(others, s) - 1;
            if (Float.isNaN(s) || atLeastAsSimilar < cutoff) {
                kept[count++] = x;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /** Index of the first value >= s in ascending {@code sorted}. */
    private static int firstNotBelow(float[] sorted, float s) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < s) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
