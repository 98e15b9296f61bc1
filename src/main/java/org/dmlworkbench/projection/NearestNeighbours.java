package org.dmlworkbench.projection;

import org.dmlworkbench.neighbours.ExactKnn;
import org.dmlworkbench.neighbours.ReferenceRows;
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

    /**
     * The shared kernel ({@link ExactKnn}) ranks float copies of the rows; the chosen neighbours'
     * distances are then recomputed in double from {@code data}, so t-SNE and UMAP read exact
     * doubles, and each row is re-ordered by them. Only neighbours whose distances differ by less
     * than float precision can come out in another order (or, at the k-th place, be swapped for
     * one as near) than a ranking in double would give.
     */
    static NearestNeighbours exact(double[] data, int count, int dim, int k, String task,
                                   ProgressListener progress, Cancellation cancel) {
        if (k < 0 || k > count - 1) {
            throw new IllegalArgumentException("cannot find " + k + " neighbours among "
                    + count + " points");
        }
        float[] rows = new float[count * dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) data[i];
        }
        int[] indices = new int[count * k];
        double[] distances = new double[count * k];
        cancel.throwIfCancelled();
        ExactKnn.over(ReferenceRows.of(rows, count, dim))
                .excludingSelf(true)
                .inBlocksOf(Math.min(ROWS_PER_STEP, ExactKnn.autoBlockRows(count, count)))
                .search(rows, count, row -> k,
                        (row, nearest, found) -> keep(data, dim, row * k, row, nearest, found,
                                indices, distances),
                        (done, total) -> {
                            progress.update(task, done, total, "points");
                            cancel.throwIfCancelled();
                        });
        return new NearestNeighbours(count, k, indices, distances);
    }

    /** Writes a row's neighbours from {@code out} on, in ascending (double distance, index). */
    private static void keep(double[] data, int dim, int out, int row, int[] nearest, int found,
                             int[] indices, double[] distances) {
        for (int s = 0; s < found; s++) {
            int j = nearest[s];
            double d = squaredDistance(data, row * dim, j * dim, dim);
            // Insertion: the kernel's order is already right but for sub-float near-ties.
            int at = out + s;
            while (at > out && (distances[at - 1] > d
                    || (distances[at - 1] == d && indices[at - 1] > j))) {
                indices[at] = indices[at - 1];
                distances[at] = distances[at - 1];
                at--;
            }
            indices[at] = j;
            distances[at] = d;
        }
    }

    /**
     * The exact squared distance between the rows at offsets {@code a} and {@code b}, in double:
     * what the maps' affinities, exact t-SNE and the quality scores read (ranking is the
     * kernel's, in float).
     */
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
}
