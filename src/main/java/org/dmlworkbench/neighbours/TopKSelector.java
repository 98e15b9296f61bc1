package org.dmlworkbench.neighbours;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Picks the k smallest scores of one row, exactly, in ascending order; equal scores keep the
 * lower index first. Scores must not be NaN.
 *
 * <p>Why not {@code NDArray.topK}: PyTorch leaves the order of ties unspecified, and on a 2-core
 * CPU its topk with k = 1,000 over 10,000 columns took ~150 ms per 1,000 rows, several times
 * this selector. Large k: a threshold estimated from a sample keeps a little over k candidates
 * in one branch-free pass, then a stable radix sort orders them (candidates are collected in
 * index order, so stability gives the tie-break). Small k: a sorted insertion buffer.
 *
 * <p>Not thread-safe (it reuses scratch arrays): use one per thread.
 *
 * <p>The selection step of {@link ExactKnn}, the one exact k-NN kernel (see the package notes).
 */
public final class TopKSelector {

    private static final int SMALL_K = 32;
    private static final int SAMPLE_SIZE = 1024;
    private static final int RADIX_BITS = 11;

    private final float[] sample = new float[SAMPLE_SIZE];
    private final int[] histogram = new int[1 << RADIX_BITS];
    private final float[] smallValues = new float[SMALL_K];
    private float[] row = new float[0];
    private int[] keys = new int[0];
    private int[] indices = new int[0];
    private int[] keysScratch = new int[0];
    private int[] indicesScratch = new int[0];

    /**
     * Selects the k smallest of {@code scores[offset .. offset + n)}, skipping column
     * {@code exclude} (pass -1 to skip none), and writes their column numbers (0-based within the
     * row) to {@code out} in ascending score order.
     *
     * @return how many were written: min(k, columns left after the exclusion)
     */
    public int select(FloatBuffer scores, int offset, int n, int k, int exclude, int[] out) {
        if (row.length < n) {
            row = new float[n];
        }
        scores.get(offset, row, 0, n);
        return select(row, n, k, exclude, out);
    }

    /** The same over the first {@code n} values of a plain array. */
    public int select(float[] values, int n, int k, int exclude, int[] out) {
        if (k < 0 || n < 0 || n > values.length) {
            throw new IllegalArgumentException("need 0 <= k and 0 <= n <= " + values.length
                    + ", got k=" + k + ", n=" + n);
        }
        int available = n - (exclude >= 0 && exclude < n ? 1 : 0);
        int wanted = Math.min(k, available);
        if (out.length < wanted) {
            throw new IllegalArgumentException("output holds " + out.length + ", needs " + wanted);
        }
        if (wanted == 0) {
            return 0;
        }
        if (wanted <= SMALL_K && wanted < available) {
            return selectSmall(values, n, wanted, exclude, out);
        }
        float threshold = wanted == available ? Float.POSITIVE_INFINITY
                : estimateThreshold(values, n, wanted);
        int count = collect(values, n, exclude, threshold);
        if (count < wanted) {
            count = collect(values, n, exclude, Float.POSITIVE_INFINITY);
        }
        radixSortByKey(count);
        System.arraycopy(indices, 0, out, 0, wanted);
        return wanted;
    }

    private int selectSmall(float[] values, int n, int k, int exclude, int[] out) {
        int size = 0;
        for (int j = 0; j < n; j++) {
            float v = values[j];
            // Strict comparisons: a later column with an equal score never passes an earlier one.
            if ((size == k && !(v < smallValues[k - 1])) || j == exclude) {
                continue;
            }
            int position = size == k ? k - 1 : size++;
            while (position > 0 && smallValues[position - 1] > v) {
                smallValues[position] = smallValues[position - 1];
                out[position] = out[position - 1];
                position--;
            }
            smallValues[position] = v;
            out[position] = j;
        }
        return size;
    }

    /** A score that, by a sample of the row, about k + 3 sd of the row's values do not exceed. */
    private float estimateThreshold(float[] values, int n, int k) {
        int sampleSize = Math.min(SAMPLE_SIZE, n);
        double expected = (double) k * sampleSize / n;
        int rank = (int) Math.ceil(expected + 3 * Math.sqrt(expected) + 2);
        if (rank >= sampleSize) {
            return Float.POSITIVE_INFINITY;
        }
        for (int i = 0; i < sampleSize; i++) {
            sample[i] = values[(int) ((long) i * n / sampleSize)];
        }
        return nthSmallest(sample, sampleSize, rank);
    }

    /** Hoare's quickselect: the value sorting would put at {@code rank}; reorders the values. */
    static float nthSmallest(float[] values, int size, int rank) {
        int left = 0;
        int right = size - 1;
        while (left < right) {
            float pivot = values[(left + right) >>> 1];
            int i = left;
            int j = right;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float swap = values[i];
                    values[i] = values[j];
                    values[j] = swap;
                    i++;
                    j--;
                }
            }
            if (rank <= j) {
                right = j;
            } else if (rank >= i) {
                left = i;
            } else {
                return values[rank];
            }
        }
        return values[rank];
    }

    /** Keeps, in index order, every column except {@code exclude} scoring <= threshold. */
    private int collect(float[] values, int n, int exclude, float threshold) {
        if (keys.length < n) {
            keys = new int[n];
            indices = new int[n];
            keysScratch = new int[n];
            indicesScratch = new int[n];
        }
        int count = 0;
        for (int j = 0; j < n; j++) {
            float v = values[j];
            if (v <= threshold && j != exclude) {
                keys[count] = unsignedOrderKey(v);
                indices[count] = j;
                count++;
            }
        }
        return count;
    }

    /** Float bits remapped so that unsigned integer order equals float order. */
    static int unsignedOrderKey(float value) {
        int bits = Float.floatToIntBits(value + 0.0f); // + 0.0f turns -0.0 into 0.0
        return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
    }

    /** Stable LSD radix sort of (keys, indices) by unsigned key, over only the bits in use. */
    private void radixSortByKey(int count) {
        if (count < 2) {
            return;
        }
        int min = keys[0];
        int max = keys[0];
        for (int i = 1; i < count; i++) {
            if (Integer.compareUnsigned(keys[i], min) < 0) {
                min = keys[i];
            }
            if (Integer.compareUnsigned(keys[i], max) > 0) {
                max = keys[i];
            }
        }
        int bits = 32 - Integer.numberOfLeadingZeros(max - min); // unsigned range
        if (bits == 0) {
            return; // all equal: already in index order
        }
        for (int i = 0; i < count; i++) {
            keys[i] -= min;
        }
        int mask = (1 << RADIX_BITS) - 1;
        for (int shift = 0; shift < bits; shift += RADIX_BITS) {
            Arrays.fill(histogram, 0);
            for (int i = 0; i < count; i++) {
                histogram[(keys[i] >>> shift) & mask]++;
            }
            int sum = 0;
            for (int b = 0; b < histogram.length; b++) {
                int c = histogram[b];
                histogram[b] = sum;
                sum += c;
            }
            for (int i = 0; i < count; i++) {
                int to = histogram[(keys[i] >>> shift) & mask]++;
                keysScratch[to] = keys[i];
                indicesScratch[to] = indices[i];
            }
            int[] swap = keys;
            keys = keysScratch;
            keysScratch = swap;
            swap = indices;
            indices = indicesScratch;
            indicesScratch = swap;
        }
    }
}
