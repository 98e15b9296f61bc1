package org.dmlworkbench.projection;

import org.dmlworkbench.neighbours.ExactKnn;
import org.dmlworkbench.neighbours.ReferenceRows;
import org.dmlworkbench.neighbours.SquaredDistance;
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
            double d = SquaredDistance.exact(data, row * dim, j * dim, dim);
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
}
