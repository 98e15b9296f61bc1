package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class NegligiblePositivesTest {

    @Test
    void countsTheOtherItemsAtLeastAsSimilarWithoutTheQuery() {
        // query 0; the self-similarity 1.0 never counts, ties do
        float[] row = {1.0f, 0.9f, 0.2f, 0.5f, 0.5f};
        int[] positives = {1, 2, 3};
        // above x=1: none; above x=2: 3 others; at least as similar as x=3: 0.9 and the other 0.5
        assertArrayEquals(new int[] {1}, NegligiblePositives.contenders(row, 0, 0, 5, positives, 2));
        assertArrayEquals(new int[] {1, 3},
                NegligiblePositives.contenders(row, 0, 0, 5, positives, 3));
        assertArrayEquals(new int[] {1, 2, 3},
                NegligiblePositives.contenders(row, 0, 0, 5, positives, 4));
    }

    @Test
    void leavingOutHopelessPositivesChangesNeitherLossNorGradient() {
        int n = 400;
        double[][] e = LossHarness.unitRows(5, n, 16);
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        List<Integer> ks = List.of(1, 2, 4, 8, 16);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] flat = new float[n * 16];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 16; d++) {
                    flat[i * 16 + d] = (float) e[i][d];
                }
            }
            NDArray rows = manager.create(flat, new ai.djl.ndarray.types.Shape(n, 16));
            NDArray s = rows.matMul(rows.transpose());
            RecallSurrogate.Result all = new RecallSurrogate(ks, 1.0, 0.01, 1L << 18, false)
                    .compute(s, labels);
            RecallSurrogate.Result pruned = new RecallSurrogate(ks, 1.0, 0.01, 1L << 18, true)
                    .compute(s, labels);
            // 199 positives per query; at most 2 * (16 - 1 + 40) = 110 of them can be scored
            assertEquals(n * 199L, all.scoredPairs());
            assertTrue(pruned.scoredPairs() <= n * 110L, "scored " + pruned.scoredPairs());
            assertEquals(all.loss(), pruned.loss(), 1e-6);
            float[] g1 = all.gradient().toFloatArray();
            float[] g2 = pruned.gradient().toFloatArray();
            double largest = 0;
            for (float g : g1) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertTrue(largest > 0);
            for (int i = 0; i < g1.length; i++) {
                assertEquals(g1[i], g2[i], 1e-6 * largest, "gradient entry " + i);
            }
        }
    }
}
