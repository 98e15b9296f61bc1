package org.dmlworkbench.projection;

import java.util.stream.IntStream;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Exact k nearest neighbours by brute force in blocks (squared Euclidean distance). For the sizes
 * a map shows (10,000 x 50) this takes about a second on two cores, is exact and deterministic, and
 * needs no index. Ties are broken by the lower row index.
 *
 * @param k neighbours per row
 * @param indices row-major {@code count x k} neighbour rows, nearest first
 * @param squaredDistances the matching squared distances
 */
record NearestNeighbours(int count, int k, int[] indices, double[] squaredDistances) {

    /** Rows handled between two progress reports and cancellation checks. */
    private static final int ROWS_PER_STEP = 512;
    /** Candidate rows scanned together, sized to stay in the cache while a block of rows uses them. */
    private static final int CANDIDATE_TILE = 256;
    private static final int ROW_BLOCK = 16;

    static NearestNeighbours exact(double[] data, int count, int dim, int k, String task,
                                   ProgressListener progress, Cancellation cancel) {
        if (k < 0 || k > count - 1) {
            throw new IllegalArgumentException("cannot find " + k + " neighbours among "
                    + count + " points");
        }
        int[] indices = new int[count * k];
        double[] distances = new double[count * k];
        for (int from = 0; from < count; from += ROWS_PER_STEP) {
            cancel.throwIfCancelled();
            int to = Math.min(count, from + ROWS_PER_STEP);
            int firstBlock = from;
            int blocks = (to - from + ROW_BLOCK - 1) / ROW_BLOCK;
            IntStream.range(0, blocks).parallel().forEach(b -> {
                int rowFrom = firstBlock + b * ROW_BLOCK;
                searchBlock(data, count, dim, k, rowFrom, Math.min(to, rowFrom + ROW_BLOCK),
                        indices, distances);
            });
            progress.update(task, to, count, "points");
        }
        return new NearestNeighbours(count, k, indices, distances);
    }

    /** The k nearest neighbours of rows {@code [rowFrom, rowTo)}, written to their slots. */
    private static void searchBlock(double[] data, int count, int dim, int k, int rowFrom,
                                    int rowTo, int[] indices, double[] distances) {
        int rows = rowTo - rowFrom;
        // Per row, a max-heap of the k best so far (root = worst kept neighbour).
        int[][] heapIndex = new int[rows][k];
        double[][] heapDistance = new double[rows][k];
        int[] heapSize = new int[rows];
        for (int tile = 0; tile < count; tile += CANDIDATE_TILE) {
            int tileEnd = Math.min(count, tile + CANDIDATE_TILE);
            for (int r = 0; r < rows; r++) {
                int i = rowFrom + r;
                int base = i * dim;
                for (int j = tile; j < tileEnd; j++) {
                    if (j == i) {
                        continue;
                    }
                    double d = squaredDistance(data, base, j * dim, dim);
                    offer(heapIndex[r], heapDistance[r], heapSize, r, k, j, d);
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            int out = (rowFrom + r) * k;
            // Pop the worst first, so filling from the back leaves the nearest first.
            for (int slot = k - 1; slot >= 0; slot--) {
                indices[out + slot] = heapIndex[r][0];
                distances[out + slot] = heapDistance[r][0];
                removeRoot(heapIndex[r], heapDistance[r], slot + 1);
            }
        }
    }

    static double squaredDistance(double[] data, int a, int b, int dim) {
        // Four partial sums break the dependency chain of one long sum (about twice as fast).
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int d = 0;
        for (; d + 3 < dim; d += 4) {
            double t0 = data[a + d] - data[b + d];
            double t1 = data[a + d + 1] - data[b + d + 1];
            double t2 = data[a + d + 2] - data[b + d + 2];
            double t3 = data[a + d + 3] - data[b + d + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; d < dim; d++) {
            double t = data[a + d] - data[b + d];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** True when (d1, j1) comes after (d2, j2): farther, or as far with a higher index. */
    private static boolean worse(double d1, int j1, double d2, int j2) {
        return d1 > d2 || (d1 == d2 && j1 > j2);
    }

    private static void offer(int[] index, double[] distance, int[] sizes, int row, int k,
                              int j, double d) {
        int size = sizes[row];
        if (size < k) {
            int pos = size++;
            sizes[row] = size;
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                if (!worse(d, j, distance[parent], index[parent])) {
                    break;
                }
                index[pos] = index[parent];
                distance[pos] = distance[parent];
                pos = parent;
            }
            index[pos] = j;
            distance[pos] = d;
        } else if (k > 0 && worse(distance[0], index[0], d, j)) {
            siftDown(index, distance, k, j, d);
        }
    }

    private static void removeRoot(int[] index, double[] distance, int size) {
        if (size > 1) {
            siftDown(index, distance, size - 1, index[size - 1], distance[size - 1]);
        }
    }

    /** Places (j, d) at the root of a heap of {@code size} entries and restores the order. */
    private static void siftDown(int[] index, double[] distance, int size, int j, double d) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(distance[child + 1], index[child + 1],
                    distance[child], index[child])) {
                child++;
            }
            if (!worse(distance[child], index[child], d, j)) {
                break;
            }
            index[pos] = index[child];
            distance[pos] = distance[child];
            pos = child;
        }
        index[pos] = j;
        distance[pos] = d;
    }
}
