package org.dmlworkbench.projection;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * t-SNE input similarities: Gaussian conditional probabilities whose bandwidth is searched per
 * point so that their perplexity (2 to the entropy in bits) matches the one asked for, made
 * symmetric and normalised to sum to 1 (van der Maaten and Hinton 2008).
 */
final class InputAffinities {

    private static final double ENTROPY_TOLERANCE = 1e-5;
    private static final int MAX_SEARCH_STEPS = 200;

    private InputAffinities() {
    }

    /**
     * Fills {@code out[from..to)} with conditional probabilities {@code p_j|i} for candidates at
     * squared distances {@code squaredDistances[from..to)}, with entropy ln(perplexity) (nats)
     * where reachable, and returns the precision beta = 1 / (2 sigma^2) that gives them.
     * Distances are shifted by their minimum before the exponential, which leaves the
     * normalised probabilities unchanged and keeps the nearest weight at 1 (no underflow).
     */
    static double calibrateRow(double[] squaredDistances, int from, int to, double perplexity,
                               double[] out) {
        if (to <= from) {
            return 1;
        }
        double nearest = Double.POSITIVE_INFINITY;
        for (int j = from; j < to; j++) {
            nearest = Math.min(nearest, squaredDistances[j]);
        }
        double target = Math.log(perplexity);
        double beta = 1;
        double low = 0;
        double high = Double.POSITIVE_INFINITY;
        for (int step = 0; step < MAX_SEARCH_STEPS; step++) {
            double entropy = fillRow(squaredDistances, from, to, nearest, beta, out);
            double difference = entropy - target;
            if (Math.abs(difference) < ENTROPY_TOLERANCE) {
                break;
            }
            if (difference > 0) {
                // Too flat: sharpen.
                low = beta;
                beta = Double.isInfinite(high) ? beta * 2 : (beta + high) / 2;
            } else {
                high = beta;
                beta = (beta + low) / 2;
            }
        }
        fillRow(squaredDistances, from, to, nearest, beta, out);
        return beta;
    }

    /** Writes normalised exp(-beta (d - nearest)) and returns their entropy in nats. */
    private static double fillRow(double[] squaredDistances, int from, int to, double nearest,
                                  double beta, double[] out) {
        double sum = 0;
        double weighted = 0;
        for (int j = from; j < to; j++) {
            double shifted = squaredDistances[j] - nearest;
            double w = Math.exp(-beta * shifted);
            out[j] = w;
            sum += w;
            weighted += w * shifted;
        }
        for (int j = from; j < to; j++) {
            out[j] /= sum;
        }
        // H = -sum p ln p = ln(sum) + beta * sum(w * shifted) / sum
        return Math.log(sum) + beta * weighted / sum;
    }

    /**
     * The symmetric joint affinities {@code P_ij = (p_j|i + p_i|j) / (2N)} over each point's
     * nearest neighbours, as a sparse matrix whose entries sum to 1.
     */
    static SparseMatrix fromNeighbours(NearestNeighbours knn, double perplexity) {
        int n = knn.count();
        int k = knn.k();
        double[] conditional = new double[n * k];
        IntStream.range(0, n).parallel().forEach(i -> calibrateRow(knn.squaredDistances(),
                i * k, (i + 1) * k, perplexity, conditional));
        return symmetrise(n, k, knn.indices(), conditional);
    }

    private static SparseMatrix symmetrise(int n, int k, int[] neighbour, double[] conditional) {
        // Each conditional entry (i, j) contributes to (i, j) and (j, i); duplicates are summed.
        int[] rowCount = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int s = i * k; s < (i + 1) * k; s++) {
                rowCount[i]++;
                rowCount[neighbour[s]]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + rowCount[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] columns = new int[start[n]];
        double[] values = new double[start[n]];
        for (int i = 0; i < n; i++) {
            for (int s = i * k; s < (i + 1) * k; s++) {
                int j = neighbour[s];
                columns[fill[i]] = j;
                values[fill[i]++] = conditional[s];
                columns[fill[j]] = i;
                values[fill[j]++] = conditional[s];
            }
        }
        double scale = 1.0 / (2.0 * n);
        int[] outStart = new int[n + 1];
        int[] outColumns = new int[start[n]];
        double[] outValues = new double[start[n]];
        int written = 0;
        for (int i = 0; i < n; i++) {
            outStart[i] = written;
            int from = start[i];
            int to = start[i + 1];
            sortByColumn(columns, values, from, to);
            for (int s = from; s < to; s++) {
                if (written > outStart[i] && outColumns[written - 1] == columns[s]) {
                    outValues[written - 1] += values[s] * scale;
                } else {
                    outColumns[written] = columns[s];
                    outValues[written++] = values[s] * scale;
                }
            }
        }
        outStart[n] = written;
        return new SparseMatrix(n, outStart, Arrays.copyOf(outColumns, written),
                Arrays.copyOf(outValues, written));
    }

    /** Sorts one row's entries by column (rows of hub points can hold thousands of entries). */
    private static void sortByColumn(int[] columns, double[] values, int from, int to) {
        int length = to - from;
        long[] keys = new long[length];
        for (int s = 0; s < length; s++) {
            keys[s] = ((long) columns[from + s] << 32) | s;
        }
        Arrays.sort(keys);
        double[] sortedValues = new double[length];
        for (int s = 0; s < length; s++) {
            int original = (int) (keys[s] & 0xffffffffL);
            sortedValues[s] = values[from + original];
            columns[from + s] = (int) (keys[s] >>> 32);
        }
        System.arraycopy(sortedValues, 0, values, from, length);
    }

    /** Compressed sparse rows: row i holds {@code columns/values[rowStart[i]..rowStart[i+1])}. */
    record SparseMatrix(int size, int[] rowStart, int[] columns, double[] values) {

        double sum() {
            double total = 0;
            for (double v : values) {
                total += v;
            }
            return total;
        }
    }
}
