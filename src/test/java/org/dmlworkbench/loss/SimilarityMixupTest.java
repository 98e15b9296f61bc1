package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimilarityMixupTest {

    /** Mixed similarities equal those of explicitly built mixed embeddings, E' E'^T. */
    @Test
    void mixedSimilaritiesAreThoseOfMixedEmbeddings() {
        double[][] e = {{1, 0, 0}, {0.6, 0.8, 0}, {0, 0, 1}, {0, 0.6, 0.8}, {0.8, 0, 0.6}};
        long[] labels = {0, 0, 1, 1, 1};
        int[][] pairs = {{0, 1}, {2, 4}, {3, 4}};
        double[] a = {0.25, 0.6, 0.9};
        double[][] all = new double[e.length + pairs.length][];
        System.arraycopy(e, 0, all, 0, e.length);
        for (int p = 0; p < pairs.length; p++) {
            all[e.length + p] = new double[3];
            for (int d = 0; d < 3; d++) {
                all[e.length + p][d] = a[p] * e[pairs[p][0]][d] + (1 - a[p]) * e[pairs[p][1]][d];
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray s = LossHarness.floats(manager, e);
            s = s.matMul(s.transpose());
            NDArray coefficients = manager.create(new float[] {0.25f, 0.6f, 0.9f});
            SimilarityMixup.Mixed mixed = SimilarityMixup.mix(s, labels, pairs, coefficients);
            assertArrayEquals(new long[] {0, 0, 1, 1, 1, 0, 1, 1}, mixed.labels());
            assertEquals(3, mixed.virtualCount());
            double[][] got = LossHarness.toDoubles(mixed.similarities());
            for (int i = 0; i < all.length; i++) {
                for (int j = 0; j < all.length; j++) {
                    double expected = 0;
                    for (int d = 0; d < 3; d++) {
                        expected += all[i][d] * all[j][d];
                    }
                    assertEquals(expected, got[i][j], 1e-6, "S'[" + i + "," + j + "]");
                }
            }
        }
    }

    @Test
    void refusesPairsOfDifferentClasses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray s = manager.eye(3);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> SimilarityMixup.mix(s, new long[] {0, 1, 1}, new int[][] {{0, 1}},
                            manager.create(new float[] {0.5f})));
            assertTrue(error.getMessage().contains("same-class"), error.getMessage());
        }
    }

    @Test
    void pairsAreAllSameClassPairsUpToTheCap() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 2 classes of 4: 6 + 6 pairs, under the cap of 2 x 8
            int[][] pairs = new SimilarityMixup(2).pairs(new long[] {0, 1, 0, 1, 0, 1, 0, 1}, manager);
            assertEquals(12, pairs.length);
            // one class of 10: 45 pairs, capped at 1 x 10, all distinct
            Engine.getInstance().setRandomSeed(3);
            int[][] capped = new SimilarityMixup(1).pairs(new long[10], manager);
            assertEquals(10, capped.length);
            Set<List<Integer>> distinct = new HashSet<>();
            for (int[] pair : capped) {
                assertTrue(pair[0] < pair[1]);
                distinct.add(List.of(pair[0], pair[1]));
            }
            assertEquals(10, distinct.size());
        }
    }

    @Test
    void recallLossWithSimixRunsAndDiffersFromPlain() {
        double[][] e = LossHarness.unitRows(4, 8, 5);
        long[] labels = {0, 0, 0, 0, 1, 1, 1, 1};
        Engine.getInstance().setRandomSeed(1);
        LossHarness.Result mixed = LossHarness.withGradients(
                new RecallAtKLoss(List.of(1, 2, 4), 1, 0.01, true), e, labels, null);
        double plain = LossHarness.value(new RecallAtKLoss(List.of(1, 2, 4), 1, 0.01, false), e,
                labels, null);
        assertTrue(mixed.loss() >= 0 && mixed.loss() <= 1, "loss " + mixed.loss());
        assertTrue(Math.abs(mixed.loss() - plain) > 1e-6, "virtual items must change the loss");
        double norm = 0;
        for (double[] row : mixed.embeddingGradient()) {
            for (double v : row) {
                assertTrue(Double.isFinite(v));
                norm += v * v;
            }
        }
        assertTrue(norm > 0);
    }
}
