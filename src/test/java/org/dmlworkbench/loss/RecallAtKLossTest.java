package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecallAtKLossTest {

    private static final long[] LABELS = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    private static final List<Integer> KS = List.of(1, 2, 4, 8);

    /** The batch's cosine similarities in double precision (rows are unit length). */
    private static double[][] similarities(double[][] e) {
        double[][] s = new double[e.length][e.length];
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                for (int d = 0; d < e[i].length; d++) {
                    s[i][j] += e[i][d] * e[j][d];
                }
            }
        }
        return s;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * RS@k loss by the paper's formula, one query, one positive, one other item at a time.
     * With step = true it is the hard version: rank = 1 + number of items above x, and x counts
     * when rank <= k except that rank == k counts 1/2, the value sigmoid(0) keeps as tau1 -> 0.
     */
    static double reference(double[][] s, long[] labels, List<Integer> ks, double tau1,
            double tau2, boolean step) {
        int n = labels.length;
        double total = 0;
        int answering = 0;
        for (int q = 0; q < n; q++) {
            int positives = 0;
            for (int x = 0; x < n; x++) {
                positives += (x != q && labels[x] == labels[q]) ? 1 : 0;
            }
            if (positives == 0) {
                continue;
            }
            answering++;
            for (int k : ks) {
                double found = 0;
                for (int x = 0; x < n; x++) {
                    if (x == q || labels[x] != labels[q]) {
                        continue;
                    }
                    double rank = 1;
                    for (int z = 0; z < n; z++) {
                        if (z != q && z != x) {
                            double diff = s[q][z] - s[q][x];
                            rank += step ? (diff > 0 ? 1 : 0) : sigmoid(diff / tau2);
                        }
                    }
                    found += step ? (rank < k ? 1 : rank == k ? 0.5 : 0)
                            : sigmoid((k - rank) / tau1);
                }
                total += Math.min(found, k) / Math.min(k, positives) / ks.size();
            }
        }
        return 1 - total / answering;
    }

    @Test
    void tendsToTrueRecallAtKAsTemperaturesGoToZero() {
        double[][] e = LossHarness.unitRows(11, LABELS.length, 5);
        double[][] s = similarities(e);
        double hard = reference(s, LABELS, KS, 1, 1, true);
        double previousGap = Double.MAX_VALUE;
        for (double scale : new double[] {1, 0.1, 0.01}) {
            double value = LossHarness.value(new RecallAtKLoss(KS, scale, scale * 1e-2, false),
                    e, LABELS, null);
            double gap = Math.abs(value - hard);
            assertTrue(gap < previousGap, "gap to recall should shrink, got " + gap + " at "
                    + scale + " after " + previousGap);
            previousGap = gap;
        }
        assertEquals(hard, LossHarness.value(new RecallAtKLoss(KS, 1e-3, 1e-5, false), e, LABELS,
                null), 1e-3);
    }

    @Test
    void matchesThePaperFormulaAtItsTemperatures() {
        double[][] e = LossHarness.unitRows(5, LABELS.length, 4);
        double value = LossHarness.value(new RecallAtKLoss(KS, 1.0, 0.01, false), e, LABELS, null);
        assertEquals(reference(similarities(e), LABELS, KS, 1.0, 0.01, false), value, 1e-5);
    }

    /** dL/dS against central differences of the double-precision formula. */
    @Test
    void similarityGradientMatchesFiniteDifferences() {
        double[][] s = similarities(LossHarness.unitRows(3, LABELS.length, 4));
        double[][] gradient = similarityGradient(new RecallAtKLoss(KS, 0.5, 0.1, false, 7), s);
        double h = 1e-5;
        for (int q = 0; q < s.length; q++) {
            for (int z = 0; z < s.length; z++) {
                double kept = s[q][z];
                s[q][z] = kept + h;
                double up = reference(s, LABELS, KS, 0.5, 0.1, false);
                s[q][z] = kept - h;
                double down = reference(s, LABELS, KS, 0.5, 0.1, false);
                s[q][z] = kept;
                assertEquals((up - down) / (2 * h), gradient[q][z], 2e-4, "dL/dS[" + q + "," + z + "]");
            }
        }
    }

    /**
     * Raising one positive can lower another positive's rank, so single positive entries may have
     * either sign; raising all of a query's positives together only passes negatives, so their
     * summed gradient must be <= 0. A negative only ever appears above x, so each of its entries
     * must be >= 0.
     */
    @Test
    void gradientRaisesPositivesAndLowersNegatives() {
        double[][] s = similarities(LossHarness.unitRows(8, LABELS.length, 4));
        double[][] gradient = similarityGradient(new RecallAtKLoss(KS, 1.0, 0.01, false), s);
        double positivePush = 0;
        double negativePush = 0;
        for (int q = 0; q < s.length; q++) {
            double queryPositives = 0;
            for (int x = 0; x < s.length; x++) {
                if (x == q) {
                    assertEquals(0.0, gradient[q][x], 0, "the query itself is not ranked");
                } else if (LABELS[x] == LABELS[q]) {
                    queryPositives += gradient[q][x];
                } else {
                    assertTrue(gradient[q][x] >= -1e-9, "negative (" + q + "," + x + "): " + gradient[q][x]);
                    negativePush += gradient[q][x];
                }
            }
            assertTrue(queryPositives <= 1e-9, "query " + q + " positives: " + queryPositives);
            positivePush -= queryPositives;
        }
        assertTrue(positivePush > 1e-4 && negativePush > 1e-4, positivePush + " " + negativePush);
    }

    @Test
    void chunkingOverQueriesChangesNothing() {
        double[][] e = LossHarness.unitRows(21, LABELS.length, 6);
        LossHarness.Result whole = LossHarness.withGradients(
                new RecallAtKLoss(KS, 1.0, 0.01, false, 1L << 24), e, LABELS, null);
        LossHarness.Result chunked = LossHarness.withGradients(
                new RecallAtKLoss(KS, 1.0, 0.01, false, 1), e, LABELS, null);
        assertEquals(whole.loss(), chunked.loss(), 1e-6);
        for (int i = 0; i < e.length; i++) {
            for (int d = 0; d < e[i].length; d++) {
                assertEquals(whole.embeddingGradient()[i][d], chunked.embeddingGradient()[i][d], 1e-6);
            }
        }
    }

    @Test
    void batchWithoutPositivesGivesZero() {
        double[][] e = LossHarness.unitRows(2, 3, 4);
        assertEquals(0.0, LossHarness.value(new RecallAtKLoss(KS, 1.0, 0.01, false), e,
                new long[] {0, 1, 2}, null), 0);
    }

    @Test
    void factoryParsesTheParameters() {
        EmbeddingLoss loss = LossFactory.create("rsk", Map.of("rsk.k", "1, 4,2", "rsk.tau2", "0.05",
                "rsk.simix", "true"));
        Map<String, Object> settings = loss.describe();
        assertEquals(List.of(1, 2, 4), settings.get("k"));
        assertEquals(0.05, settings.get("tau2"));
        assertTrue(settings.get("simix").toString().startsWith("same-class"));
        LossSpec spec = LossFactory.parse("rsk", Map.of("rsk.k", "8,1"));
        assertEquals(spec.describe(), LossFactory.parse("rsk", spec.stringParameters()).describe());
    }

    static double[][] similarityGradient(RecallAtKLoss loss, double[][] s) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray matrix = LossHarness.floats(manager, s);
            matrix.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(loss.fromSimilarities(matrix, LABELS));
            }
            return LossHarness.toDoubles(matrix.getGradient());
        }
    }
}
