package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.dmlworkbench.loss.distances.CosineSimilarity;
import org.dmlworkbench.loss.distances.EuclideanDistance;
import org.dmlworkbench.loss.reducers.AvgNonZeroReducer;
import org.dmlworkbench.loss.reducers.MeanReducer;
import org.junit.jupiter.api.Test;

class DistancesAndReducersTest {

    @Test
    void distancesMatchDoubleLoops() {
        double[][] raw = {{3, 4, 0}, {1, -2, 2}, {0, 0, 1}, {-1, 0.5, 0.25}};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray e = LossHarness.floats(manager, raw);
            assertClose(ReferenceLosses.euclidean(raw, false),
                    LossHarness.toDoubles(new EuclideanDistance().matrix(e)), 1e-5);
            assertClose(ReferenceLosses.euclidean(raw, true),
                    LossHarness.toDoubles(new EuclideanDistance(false, true).matrix(e)), 1e-4);
            assertClose(ReferenceLosses.dot(raw),
                    LossHarness.toDoubles(new CosineSimilarity().matrix(e)), 1e-5);
            double[][] unit = unitRows(raw);
            assertClose(ReferenceLosses.dot(unit),
                    LossHarness.toDoubles(new CosineSimilarity(true).matrix(e)), 1e-6);
            assertClose(ReferenceLosses.euclidean(unit, false),
                    LossHarness.toDoubles(new EuclideanDistance(true, false).matrix(e)), 1e-5);
        }
    }

    @Test
    void queryAgainstReferenceIsRectangular() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray q = manager.create(new float[][] {{0, 0}, {3, 4}});
            NDArray r = manager.create(new float[][] {{0, 0}, {6, 8}, {3, 0}});
            double[][] d = LossHarness.toDoubles(new EuclideanDistance().matrix(q, r));
            assertArrayEquals(new double[] {0, 10, 3}, d[0], 1e-5);
            assertArrayEquals(new double[] {5, 5, 4}, d[1], 1e-5);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new EuclideanDistance().matrix(q, manager.ones(new ai.djl.ndarray
                            .types.Shape(2, 3))));
            assertTrue(error.getMessage().contains("widths differ"), error.getMessage());
        }
    }

    @Test
    void euclideanGradientIsFiniteAndZeroForIdenticalRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray e = manager.create(new float[][] {{0.6f, 0.8f}, {0.6f, 0.8f}, {1, 0}});
            e.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray d = new EuclideanDistance().matrix(e);
                // d(0,1) = 0 exactly; d(0,2) = sqrt(0.16 + 0.64) = 0.894.
                assertEquals(0f, d.getFloat(0, 1), 1e-3);
                collector.backward(d.sum());
            }
            double[][] g = LossHarness.toDoubles(e.getGradient());
            assertTrue(LossHarness.allFinite(g), "no NaN from sqrt(0)");
            // Row 2's gradient is the sum of unit vectors away from rows 0 and 1 (counted
            // twice, as (0,2) and (2,0)): 2 * 2 * (1 - 0.6, 0 - 0.8) / 0.894.
            assertEquals(4 * 0.4 / Math.sqrt(0.8), g[2][0], 1e-4);
            assertEquals(4 * -0.8 / Math.sqrt(0.8), g[2][1], 1e-4);
        }
    }

    @Test
    void avgNonZeroAveragesOnlyActiveTerms() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray losses = manager.create(new float[] {0, 2, 4, 10, Float.POSITIVE_INFINITY});
            NDArray mask = manager.create(new boolean[] {true, true, true, false, false});
            // Present terms 0, 2, 4; non-zero 2 and 4: (2 + 4) / 2 = 3. Mean of present: 2.
            assertEquals(3f, new AvgNonZeroReducer().reduce(losses, mask).getFloat(), 1e-6);
            assertEquals(2f, new MeanReducer().reduce(losses, mask).getFloat(), 1e-6);
            NDArray none = manager.create(new boolean[] {true, false, false, false, false});
            assertEquals(0f, new AvgNonZeroReducer().reduce(losses, none).getFloat());
        }
    }

    @Test
    void pairMasksFromLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PairMasks pairs = PairMasks.fromLabels(manager.create(new long[] {4, 4, 7}));
            assertArrayEquals(new boolean[] {false, true, false, true, false, false, false,
                false, false}, pairs.positive().toBooleanArray());
            assertArrayEquals(new boolean[] {false, false, true, false, false, true, true, true,
                false}, pairs.negative().toBooleanArray());
            // Triplets: (0,1,2) and (1,0,2) only.
            boolean[] triplets = pairs.tripletMask().toBooleanArray();
            for (int t = 0; t < triplets.length; t++) {
                assertEquals(t == (0 * 3 + 1) * 3 + 2 || t == (1 * 3 + 0) * 3 + 2, triplets[t]);
            }
            PairMasks cross = PairMasks.fromLabels(manager.create(new long[] {4, 7}),
                    manager.create(new long[] {4, 7, 7}), false);
            assertArrayEquals(new boolean[] {true, false, false, false, true, true},
                    cross.positive().toBooleanArray());
        }
    }

    private static double[][] unitRows(double[][] raw) {
        double[][] unit = new double[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            double norm = 0;
            for (double v : raw[i]) {
                norm += v * v;
            }
            unit[i] = new double[raw[i].length];
            for (int k = 0; k < raw[i].length; k++) {
                unit[i][k] = raw[i][k] / Math.sqrt(norm);
            }
        }
        return unit;
    }

    private static void assertClose(double[][] expected, double[][] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tolerance, "row " + i);
        }
    }
}
