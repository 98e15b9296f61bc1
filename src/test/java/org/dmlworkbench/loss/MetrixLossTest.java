package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetrixLossTest {

    private static final long[] LABELS = {0, 0, 0, 1, 1, 1, 2, 2};

    /** Two classes at opposite poles: every negative is far, so plain losses are their positive part. */
    private static double[][] separated() {
        Random random = new Random(9);
        double[][] rows = new double[6][4];
        for (int i = 0; i < rows.length; i++) {
            rows[i][0] = i < 3 ? 1 : -1;
            for (int d = 1; d < 4; d++) {
                rows[i][d] = 0.3 * random.nextGaussian();
            }
        }
        return normalise(rows);
    }

    @Test
    void lambdaOneReducesToPlainMultiSimilarity() {
        double[][] e = separated();
        long[] labels = {0, 0, 0, 1, 1, 1};
        double mixed = LossHarness.value(new MetrixLoss(MetrixLoss.Form.MS, 2, 1.0), e, labels, null);
        double plain = LossHarness.value(new MultiSimilarityLoss(2, 50, 0.5, null), e, labels, null);
        assertTrue(plain > 0.01, "the plain loss must not be trivially 0: " + plain);
        assertEquals(plain, mixed, 1e-6);
    }

    @Test
    void lambdaOneReducesToPlainContrastive() {
        double[][] e = separated();
        long[] labels = {0, 0, 0, 1, 1, 1};
        double mixed = LossHarness.value(new MetrixLoss(MetrixLoss.Form.CONTRASTIVE, 2, 1.0), e,
                labels, null);
        double plain = LossHarness.value(new ContrastiveLoss(0, 0.5), e, labels, null);
        assertTrue(plain > 0.01, "the plain loss must not be trivially 0: " + plain);
        assertEquals(plain, mixed, 1e-5);
    }

    /** Builds each mixed embedding explicitly and applies the soft-label forms by hand. */
    @Test
    void mixedPairsCarryInterpolatedLabels() {
        double[][] e = LossHarness.unitRows(17, LABELS.length, 5);
        double lambda = 0.3;
        double ms = LossHarness.value(new MetrixLoss(MetrixLoss.Form.MS, 2, lambda), e, LABELS, null);
        double contrastive = LossHarness.value(new MetrixLoss(MetrixLoss.Form.CONTRASTIVE, 2, lambda),
                e, LABELS, null);
        double msTotal = 0;
        double termSum = 0;
        int nonZero = 0;
        for (int a = 0; a < e.length; a++) {
            int hardest = -1;
            for (int n = 0; n < e.length; n++) {
                if (LABELS[n] != LABELS[a] && (hardest < 0 || dot(e[a], e[n]) > dot(e[a], e[hardest]))) {
                    hardest = n;
                }
            }
            double positiveSum = 0;
            double negativeSum = 0;
            for (int p = 0; p < e.length; p++) {
                if (p == a || LABELS[p] != LABELS[a]) {
                    continue;
                }
                double[] u = new double[e[a].length];
                for (int d = 0; d < u.length; d++) {
                    u[d] = lambda * e[p][d] + (1 - lambda) * e[hardest][d];
                }
                double s = dot(e[a], u);
                positiveSum += lambda * Math.exp(-2 * (s - 0.5));
                negativeSum += (1 - lambda) * Math.exp(50 * (s - 0.5));
                double d = LossHarness.distance(e[a], u);
                double term = lambda * d + (1 - lambda) * Math.max(0, 0.5 - d);
                if (term > 0) {
                    termSum += term;
                    nonZero++;
                }
            }
            msTotal += Math.log(1 + positiveSum) / 2 + Math.log(1 + negativeSum) / 50;
        }
        assertEquals(msTotal / e.length, ms, 1e-5);
        assertEquals(termSum / nonZero, contrastive, 1e-5);
    }

    /** Collapsed embeddings, or a batch of one class (nothing to mix): finite values and gradients. */
    @Test
    void degenerateBatchesStayFinite() {
        double[][] same = new double[6][];
        for (int i = 0; i < same.length; i++) {
            same[i] = new double[] {0.6, 0.8, 0};
        }
        double[][] spread = LossHarness.unitRows(1, 6, 3);
        for (EmbeddingLoss loss : new EmbeddingLoss[] {new MetrixLoss(MetrixLoss.Form.MS, 2, 0.4),
                new MetrixLoss(MetrixLoss.Form.CONTRASTIVE, 2, 0.4),
                new RecallAtKLoss(java.util.List.of(1, 2, 4), 1, 0.01, true)}) {
            for (long[] labels : new long[][] {{0, 0, 0, 1, 1, 1}, {0, 0, 0, 0, 0, 0}}) {
                for (double[][] e : new double[][][] {same, spread}) {
                    LossHarness.Result result = LossHarness.withGradients(loss, e, labels, null);
                    assertTrue(Double.isFinite(result.loss()), loss.getName() + " " + result.loss());
                    for (double[] row : result.embeddingGradient()) {
                        for (double v : row) {
                            assertTrue(Double.isFinite(v), loss.getName() + " gradient " + v);
                        }
                    }
                }
            }
        }
    }

    @Test
    void lambdaFollowsTheBetaDistribution() {
        BetaSampler sampler = new BetaSampler(2, 2, 5);
        int draws = 40_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < draws; i++) {
            double x = sampler.next();
            assertTrue(x > 0 && x < 1);
            sum += x;
            squares += x * x;
        }
        double mean = sum / draws;
        // Beta(2, 2): mean 1/2, variance ab / ((a + b)^2 (a + b + 1)) = 4 / 80
        assertEquals(0.5, mean, 0.01);
        assertEquals(0.05, squares / draws - mean * mean, 0.003);
    }

    @Test
    void factoryAddsTheMixedTermToTheCleanLoss() {
        LossSpec spec = LossFactory.parse("ms+metrix:0.4", Map.of("metrix.form", "Contrastive"));
        assertEquals("contrastive", spec.parameters().get("metrix.form"));
        assertEquals(2.0, spec.parameters().get("metrix.alpha"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("metrix", Map.of("metrix.form", "triplet")));
        assertTrue(error.getMessage().contains("metrix.form"), error.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[][] normalise(double[][] rows) {
        for (double[] row : rows) {
            double norm = Math.sqrt(dot(row, row));
            for (int d = 0; d < row.length; d++) {
                row[d] /= norm;
            }
        }
        return LossHarness.asFloat(rows);
    }
}
