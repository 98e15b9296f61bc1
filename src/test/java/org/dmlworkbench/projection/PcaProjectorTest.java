package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class PcaProjectorTest {

    // Orthonormal axes: u . v = (4 + 2 - 6) / (3 sqrt 26) = 0, |u| = |v| = 1. The largest loading
    // of each has one sign (u: 2/3 twice; v: 4/sqrt 26 once), so the sign rule is unambiguous.
    private static final double ROOT26 = Math.sqrt(26);
    private static final double[] U = {1 / 3.0, 2 / 3.0, 2 / 3.0};
    private static final double[] V = {4 / ROOT26, 1 / ROOT26, -3 / ROOT26};
    private static final double[] CENTRE = {1, -1, 2};

    /**
     * Points c + a u + b v on the full grid a in {-2..2}, b in {-0.5, 0.5}: a and b are
     * uncorrelated, var(a) = 2 > var(b) = 0.25, so the covariance is 2 uu' + 0.25 vv' and the
     * principal axes are u then v. With the sign rule (largest loading positive) the map is
     * exactly (a, b).
     */
    private static double[][] gridAB() {
        double[][] ab = new double[10][];
        int r = 0;
        for (int a = -2; a <= 2; a++) {
            for (double b : new double[] {-0.5, 0.5}) {
                ab[r++] = new double[] {a, b};
            }
        }
        return ab;
    }

    private static Embeddings embed(double[][] ab, boolean constantColumn) {
        float[][] rows = new float[ab.length][];
        for (int i = 0; i < ab.length; i++) {
            rows[i] = new float[constantColumn ? 4 : 3];
            for (int d = 0; d < 3; d++) {
                rows[i][d] = (float) (CENTRE[d] + ab[i][0] * U[d] + ab[i][1] * V[d]);
            }
            if (constantColumn) {
                rows[i][3] = 7;
            }
        }
        return Embeddings.of(rows);
    }

    @Test
    void mapsOntoTheKnownPrincipalAxes() {
        double[][] ab = gridAB();
        for (boolean constantColumn : new boolean[] {false, true}) {
            Projection map = new PcaProjector().project(embed(ab, constantColumn),
                    ProgressListener.NONE, Cancellation.none());
            for (int i = 0; i < ab.length; i++) {
                assertEquals(ab[i][0], map.x()[i], 1e-5, "first component of point " + i);
                assertEquals(ab[i][1], map.y()[i], 1e-5, "second component of point " + i);
            }
            assertArrayEquals(SeededSample.all(ab.length), map.sourceIndices());
            // var(a) / (var(a) + var(b)) = 2 / 2.25 = 89%
            assertTrue(map.notes().contains("89%"), map.notes());
            assertTrue(Double.isNaN(map.klDivergence()));
        }
    }

    @Test
    void fewerPointsThanDimensionsKeepTheirDistances() {
        // Three points always lie in a plane, so a 2-D PCA map keeps every pairwise distance.
        float[][] rows = {
            {1, 0, 2, 5, -1},
            {0, 3, 1, 4, 2},
            {2, 2, -1, 0, 1},
        };
        Projection map = new PcaProjector().project(Embeddings.of(rows), ProgressListener.NONE,
                Cancellation.none());
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                double input = 0;
                for (int d = 0; d < 5; d++) {
                    input += (rows[i][d] - rows[j][d]) * (rows[i][d] - rows[j][d]);
                }
                double dx = map.x()[i] - map.x()[j];
                double dy = map.y()[i] - map.y()[j];
                assertEquals(Math.sqrt(input), Math.sqrt(dx * dx + dy * dy), 1e-4,
                        "distance " + i + "-" + j);
            }
        }
    }

    @Test
    void oneDimensionalInputHasAFlatMap() {
        float[][] rows = {{1}, {4}, {7}};
        Projection map = new PcaProjector().project(Embeddings.of(rows), ProgressListener.NONE,
                Cancellation.none());
        // Centred values (mean 4); the single loading is 1, so no sign flip.
        assertArrayEquals(new float[] {-3, 0, 3}, map.x(), 1e-5f);
        assertArrayEquals(new float[] {0, 0, 0}, map.y());
        assertTrue(map.notes().contains("one dimension"), map.notes());
    }

    @Test
    void identicalPointsGoToTheOrigin() {
        float[][] rows = {{2, 5, 1}, {2, 5, 1}, {2, 5, 1}};
        Projection map = new PcaProjector().project(Embeddings.of(rows), ProgressListener.NONE,
                Cancellation.none());
        assertArrayEquals(new float[3], map.x());
        assertArrayEquals(new float[3], map.y());
        assertTrue(map.notes().contains("identical"), map.notes());
    }
}
