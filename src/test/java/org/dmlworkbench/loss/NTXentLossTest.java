package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dmlworkbench.loss.distances.EuclideanDistance;
import org.junit.jupiter.api.Test;

/** NT-Xent against hand-worked cases and a double-precision loop. */
class NTXentLossTest {

    /** Unit vectors at 0, 53.13 and 90 degrees: cosines s01 = 0.6, s02 = 0, s12 = 0.8. */
    private static final double[][] THREE = {{1, 0}, {0.6, 0.8}, {0, 1}};
    private static final long[] LABELS = {0, 0, 1};

    @Test
    void handWorkedValues() {
        // Positive pairs (0,1) and (1,0), each anchor's one negative is item 2:
        // tau 1: (log(1 + e^(0 - 0.6)) + log(1 + e^(0.8 - 0.6))) / 2 = 0.6178134
        assertEquals(0.6178134, LossHarness.value(new NTXentLoss(1), THREE, LABELS, null), 1e-6);
        // tau 0.5 doubles every exponent: (log(1 + e^-1.2) + log(1 + e^0.4)) / 2 = 0.5881489
        assertEquals(0.5881489, LossHarness.value(new NTXentLoss(0.5), THREE, LABELS, null), 1e-6);
    }

    @Test
    void matchesADoubleLoopOnRandomBatches() {
        for (long seed = 1; seed <= 3; seed++) {
            double[][] e = LossHarness.unitRows(seed, 8, 4);
            long[] labels = {0, 0, 1, 1, 1, 2, 2, 3};
            for (double tau : new double[] {0.07, 0.5}) {
                assertEquals(reference(e, labels, tau),
                        LossHarness.value(new NTXentLoss(tau), e, labels, null), 2e-5,
                        "seed " + seed + ", tau " + tau);
            }
        }
    }

    @Test
    void gradientPullsPositivesTogetherAndPushesNegativesAway() {
        LossHarness.Result result = LossHarness.withGradients(new NTXentLoss(1), THREE, LABELS, null);
        double[][] after = LossHarness.descend(THREE, result.embeddingGradient(), 0.01);
        assertTrue(LossHarness.cosine(after[0], after[1]) > 0.6, "positives closer");
        assertTrue(LossHarness.cosine(after[1], after[2]) < 0.8, "negative farther");
    }

    @Test
    void aDistanceEntersAsItsNegative() {
        // Euclidean distances d01 = sqrt(0.8), d02 = sqrt(2), d12 = sqrt(0.4), tau 1:
        // (log(1 + e^(d01 - d02)) + log(1 + e^(d01 - d12))) / 2
        double d01 = Math.sqrt(0.8);
        double expected = (Math.log(1 + Math.exp(d01 - Math.sqrt(2)))
                + Math.log(1 + Math.exp(d01 - Math.sqrt(0.4)))) / 2;
        assertEquals(expected, LossHarness.value(new NTXentLoss(1, new EuclideanDistance()),
                THREE, LABELS, null), 1e-5);
    }

    @Test
    void noPositivePairGivesZero() {
        assertEquals(0, LossHarness.value(new NTXentLoss(0.1), THREE, new long[] {0, 1, 2}, null), 0);
    }

    @Test
    void isNamedInSpecsWithItsTemperature() {
        EmbeddingLoss loss = LossFactory.create("infonce", Map.of("ntxent.temperature", "1"));
        assertEquals(0.6178134, LossHarness.value(loss, THREE, LABELS, null), 1e-6);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("ntxent", Map.of("ntxent.temperature", "0")));
        assertTrue(bad.getMessage().contains("ntxent.temperature"), bad.getMessage());
    }

    private static double reference(double[][] e, long[] labels, double tau) {
        double total = 0;
        int pairs = 0;
        for (int a = 0; a < e.length; a++) {
            for (int p = 0; p < e.length; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                double numerator = Math.exp(LossHarness.cosine(e[a], e[p]) / tau);
                double denominator = numerator;
                for (int n = 0; n < e.length; n++) {
                    if (labels[n] != labels[a]) {
                        denominator += Math.exp(LossHarness.cosine(e[a], e[n]) / tau);
                    }
                }
                total += -Math.log(numerator / denominator);
                pairs++;
            }
        }
        return total / pairs;
    }
}
