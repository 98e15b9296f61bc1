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
    void lambdaOneWithTheHardestNegativeIsPlainMultiSimilarity() {
        double[][] e = separated();
        long[] labels = {0, 0, 0, 1, 1, 1};
        double mixed = LossHarness.value(new MetrixLoss(MetrixLoss.Form.MS, 2, 1.0,
                MetrixLoss.Negatives.HARDEST, 0.5), e, labels, null);
        double plain = LossHarness.value(new MultiSimilarityLoss(2, 50, 0.5, null), e, labels, null);
        assertTrue(plain > 0.01, "the plain loss must not be trivially 0: " + plain);
        assertEquals(plain, mixed, 1e-6);
    }

    /** With lambda = 1 every mixed item is its positive, once per negative of the anchor (3 here). */
    @Test
    void lambdaOneWithAllNegativesCountsEachPositiveOncePerNegative() {
        double[][] e = separated();
        long[] labels = {0, 0, 0, 1, 1, 1};
        double mixed = LossHarness.value(new MetrixLoss(MetrixLoss.Form.MS, 2, 1.0), e, labels, null);
        double expected = 0;
        for (int a = 0; a < e.length; a++) {
            double sum = 0;
            for (int p = 0; p < e.length; p++) {
                if (p != a && labels[p] == labels[a]) {
                    sum += 3 * Math.exp(-2 * (dot(e[a], e[p]) - 0.5));
                }
            }
            expected += Math.log(1 + sum) / 2;
        }
        assertEquals(expected / e.length, mixed, 1e-5);
    }

    @Test
    void lambdaOneReducesToPlainContrastiveWithTheAuthorsMargin() {
        double[][] e = separated();
        long[] labels = {0, 0, 0, 1, 1, 1};
        double plain = LossHarness.value(new ContrastiveLoss(0, 0.5), e, labels, null);
        assertTrue(plain > 0.01, "the plain loss must not be trivially 0: " + plain);
        for (MetrixLoss.Negatives negatives : MetrixLoss.Negatives.values()) {
            double mixed = LossHarness.value(new MetrixLoss(MetrixLoss.Form.CONTRASTIVE, 2, 1.0,
                    negatives, 0.5), e, labels, null);
            assertEquals(plain, mixed, 1e-5, negatives.toString());
        }
    }

    /**
     * Builds each mixed embedding explicitly, for every (anchor, positive, negative) the variant
     * mixes, and applies the soft-label forms by hand: Multi-Similarity per anchor, and the
     * authors' contrastive form (mean of the non-zero positive terms plus mean of the non-zero
     * negative terms, margin 0.5; and 0.8 to show the margin is the parameter's).
     */
    @Test
    void mixedItemsCarryInterpolatedLabels() {
        double[][] e = LossHarness.unitRows(17, LABELS.length, 5);
        double lambda = 0.3;
        for (boolean renormalise : new boolean[] {false, true}) {
            for (MetrixLoss.Negatives negatives : MetrixLoss.Negatives.values()) {
                String variant = negatives + (renormalise ? " renormalised" : " linear");
                double ms = LossHarness.value(new MetrixLoss(MetrixLoss.Form.MS, 2, lambda, negatives,
                        0.5, renormalise), e, LABELS, null);
                assertEquals(referenceMs(e, lambda, negatives, renormalise), ms, 1e-5, variant + " ms");
                for (double margin : new double[] {0.5, 0.8}) {
                    double contrastive = LossHarness.value(new MetrixLoss(MetrixLoss.Form.CONTRASTIVE,
                            2, lambda, negatives, margin, renormalise), e, LABELS, null);
                    assertEquals(referenceContrastive(e, lambda, negatives, margin, renormalise),
                            contrastive, 1e-5, variant + " contrastive, margin " + margin);
                }
            }
        }
        // the variants differ on this batch, so the test tells them apart
        assertTrue(Math.abs(referenceMs(e, lambda, MetrixLoss.Negatives.ALL, false)
                - referenceMs(e, lambda, MetrixLoss.Negatives.HARDEST, false)) > 1e-3);
        assertTrue(Math.abs(referenceMs(e, lambda, MetrixLoss.Negatives.ALL, false)
                - referenceMs(e, lambda, MetrixLoss.Negatives.ALL, true)) > 1e-3);
        assertTrue(Math.abs(referenceContrastive(e, lambda, MetrixLoss.Negatives.ALL, 0.5, false)
                - referenceContrastive(e, lambda, MetrixLoss.Negatives.ALL, 0.5, true)) > 1e-3);
    }

    /**
     * The gradient autograd takes through the factored Multi-Similarity sum and the B x B x B
     * contrastive tensor matches the loss's own change along a random direction (central
     * differences).
     */
    @Test
    void allNegativeGradientsMatchTheLossAlongADirection() {
        double[][] e = LossHarness.unitRows(23, LABELS.length, 5);
        Random random = new Random(4);
        double[][] direction = new double[e.length][e[0].length];
        for (double[] row : direction) {
            for (int d = 0; d < row.length; d++) {
                row[d] = random.nextGaussian();
            }
        }
        for (MetrixLoss.Form form : MetrixLoss.Form.values()) {
          for (boolean renormalise : new boolean[] {false, true}) {
            MetrixLoss loss = new MetrixLoss(form, 2, 0.3, MetrixLoss.Negatives.ALL, 0.5, renormalise);
            double[][] gradient = LossHarness.withGradients(loss, e, LABELS, null).embeddingGradient();
            double predicted = 0;
            for (int i = 0; i < e.length; i++) {
                for (int d = 0; d < e[i].length; d++) {
                    predicted += gradient[i][d] * direction[i][d];
                }
            }
            double h = 1e-3;
            double measured = (LossHarness.value(loss, step(e, direction, h), LABELS, null)
                    - LossHarness.value(loss, step(e, direction, -h), LABELS, null)) / (2 * h);
            assertTrue(Math.abs(predicted) > 1e-3, form + " has a gradient along the direction");
            assertEquals(predicted, measured, 0.03 * Math.abs(predicted) + 1e-4,
                    form + (renormalise ? " renormalised" : " linear"));
          }
        }
    }

    private static double[][] step(double[][] x, double[][] direction, double h) {
        double[][] moved = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            moved[i] = new double[x[i].length];
            for (int d = 0; d < x[i].length; d++) {
                moved[i][d] = x[i][d] + h * direction[i][d];
            }
        }
        return moved;
    }

    /** The negatives each anchor's positive pairs are mixed with under the variant. */
    private static java.util.List<Integer> mixedNegatives(double[][] e, int a, MetrixLoss.Negatives negatives) {
        java.util.List<Integer> all = new java.util.ArrayList<>();
        int hardest = -1;
        for (int n = 0; n < e.length; n++) {
            if (LABELS[n] != LABELS[a]) {
                all.add(n);
                if (hardest < 0 || dot(e[a], e[n]) > dot(e[a], e[hardest])) {
                    hardest = n;
                }
            }
        }
        return negatives == MetrixLoss.Negatives.ALL ? all : java.util.List.of(hardest);
    }

    /** The mixed item, divided by its norm when the variant measures it renormalised. */
    private static double[] mix(double[] p, double[] n, double lambda, boolean renormalise) {
        double[] u = new double[p.length];
        for (int d = 0; d < u.length; d++) {
            u[d] = lambda * p[d] + (1 - lambda) * n[d];
        }
        double norm = renormalise ? Math.sqrt(dot(u, u)) : 1;
        for (int d = 0; d < u.length; d++) {
            u[d] /= norm;
        }
        return u;
    }

    private static double referenceMs(double[][] e, double lambda, MetrixLoss.Negatives negatives,
            boolean renormalise) {
        double total = 0;
        for (int a = 0; a < e.length; a++) {
            double positiveSum = 0;
            double negativeSum = 0;
            for (int p = 0; p < e.length; p++) {
                if (p == a || LABELS[p] != LABELS[a]) {
                    continue;
                }
                for (int n : mixedNegatives(e, a, negatives)) {
                    double s = dot(e[a], mix(e[p], e[n], lambda, renormalise));
                    positiveSum += lambda * Math.exp(-2 * (s - 0.5));
                    negativeSum += (1 - lambda) * Math.exp(50 * (s - 0.5));
                }
            }
            total += Math.log(1 + positiveSum) / 2 + Math.log(1 + negativeSum) / 50;
        }
        return total / e.length;
    }

    private static double referenceContrastive(double[][] e, double lambda,
            MetrixLoss.Negatives negatives, double margin, boolean renormalise) {
        double positiveSum = 0;
        int positiveCount = 0;
        double negativeSum = 0;
        int negativeCount = 0;
        for (int a = 0; a < e.length; a++) {
            for (int p = 0; p < e.length; p++) {
                if (p == a || LABELS[p] != LABELS[a]) {
                    continue;
                }
                for (int n : mixedNegatives(e, a, negatives)) {
                    double d = LossHarness.distance(e[a], mix(e[p], e[n], lambda, renormalise));
                    double positive = lambda * d;
                    double negative = (1 - lambda) * Math.max(0, margin - d);
                    if (positive > 0) {
                        positiveSum += positive;
                        positiveCount++;
                    }
                    if (negative > 0) {
                        negativeSum += negative;
                        negativeCount++;
                    }
                }
            }
        }
        return positiveSum / Math.max(1, positiveCount) + negativeSum / Math.max(1, negativeCount);
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
                new MetrixLoss(MetrixLoss.Form.MS, 2, 0.4, MetrixLoss.Negatives.HARDEST, 0.5),
                new MetrixLoss(MetrixLoss.Form.CONTRASTIVE, 2, 0.4, MetrixLoss.Negatives.HARDEST, 0.5),
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
        assertEquals("all", spec.parameters().get("metrix.negatives"), "the authors' embedding level");
        assertEquals(0.5, spec.parameters().get("metrix.neg-margin"));
        assertEquals("hardest", LossFactory.parse("ms+metrix:0.4", Map.of("metrix.negatives", "Hardest"))
                .parameters().get("metrix.negatives"));
        IllegalArgumentException negatives = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("metrix", Map.of("metrix.negatives", "some")));
        assertTrue(negatives.getMessage().contains("metrix.negatives"), negatives.getMessage());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("metrix", Map.of("metrix.form", "triplet")));
        assertTrue(error.getMessage().contains("metrix.form"), error.getMessage());
    }

    @Test
    void batchesTooLargeForTheBatchCubedFormsAreRefusedBeforeTraining() {
        java.util.function.BiFunction<String, String, org.dmlworkbench.config.TrainingConfig.Builder>
                config = (negatives, renormalise) -> org.dmlworkbench.config.TrainingConfig.defaults()
                        .toBuilder().loss("contrastive+metrix:0.4", Map.of("metrix.form", "contrastive",
                                "metrix.negatives", negatives, "metrix.renormalise", renormalise))
                        .sampler("shuffle", 4);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> config.apply("all", "false").batchSize(513).build());
        assertTrue(error.getMessage().startsWith("--batch 513 is too large for Metrix's contrastive form"),
                error.getMessage());
        assertTrue(error.getMessage().contains("metrix.negatives=hardest"), error.getMessage());
        IllegalArgumentException renormalised = assertThrows(IllegalArgumentException.class,
                () -> config.apply("hardest", "true").batchSize(513).build());
        assertTrue(renormalised.getMessage().startsWith("--batch 513 is too large for Metrix with "
                + "metrix.renormalise=true"), renormalised.getMessage());
        config.apply("all", "true").batchSize(512).build();
        config.apply("hardest", "false").batchSize(4096).build();
        org.dmlworkbench.config.TrainingConfig.defaults().toBuilder().loss("ms+metrix:0.4",
                Map.of("metrix.renormalise", "false")).sampler("shuffle", 4).batchSize(4096).build();
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
