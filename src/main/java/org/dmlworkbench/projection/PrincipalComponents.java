package org.dmlworkbench.projection;

import smile.feature.extraction.PCA;
import smile.math.matrix.Matrix;

/**
 * Smile's PCA, made safe for the inputs a workbench meets: fewer rows than dimensions, constant
 * columns, fewer dimensions than components wanted, and data with no variance at all.
 */
final class PrincipalComponents {

    /**
     * @param coordinates one row per input row, {@code components} columns; columns beyond the
     *        number of input dimensions are zero
     * @param varianceShare share of the total variance along each returned component (0 for the
     *        zero columns)
     * @param constant true when all rows are equal (every coordinate is then 0)
     */
    record Result(double[][] coordinates, double[] varianceShare, boolean constant) {

        double keptVarianceShare() {
            double sum = 0;
            for (double share : varianceShare) {
                sum += share;
            }
            return sum;
        }
    }

    private PrincipalComponents() {
    }

    /**
     * Projects rows onto their first {@code components} principal axes. Each axis is signed so
     * that its largest loading is positive: the same data always gives the same map, not a
     * mirrored one.
     */
    static Result project(double[][] rows, int components) {
        int n = rows.length;
        double[][] out = new double[n][components];
        double[] share = new double[components];
        if (n == 0) {
            return new Result(out, share, true);
        }
        int dim = rows[0].length;
        if (allRowsEqual(rows)) {
            return new Result(out, share, true);
        }
        int kept = Math.min(components, dim);
        PCA pca = PCA.fit(rows).getProjection(kept);
        double[][] projected = pca.apply(rows);
        Matrix loadings = pca.loadings();
        double[] proportions = pca.varianceProportion();
        for (int c = 0; c < kept; c++) {
            double sign = largestLoadingSign(loadings, c, dim);
            for (int i = 0; i < n; i++) {
                out[i][c] = sign * projected[i][c];
            }
            share[c] = c < proportions.length ? proportions[c] : 0;
        }
        return new Result(out, share, false);
    }

    static boolean allRowsEqual(double[][] rows) {
        for (int i = 1; i < rows.length; i++) {
            if (!java.util.Arrays.equals(rows[i], rows[0])) {
                return false;
            }
        }
        return true;
    }

    private static double largestLoadingSign(Matrix loadings, int column, int dim) {
        double best = 0;
        for (int j = 0; j < dim; j++) {
            double value = loadings.get(j, column);
            if (Math.abs(value) > Math.abs(best)) {
                best = value;
            }
        }
        return best < 0 ? -1 : 1;
    }
}
