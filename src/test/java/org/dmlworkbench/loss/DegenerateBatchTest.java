package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Collapsed or one-sided batches must give finite losses and finite (not NaN) gradients. */
class DegenerateBatchTest {

    static final double[][] IDENTICAL = {{0.6, 0.8}, {0.6, 0.8}, {0.6, 0.8}, {0.6, 0.8}};
    static final double[][] LOGITS = {{1, 0}, {1, 0}, {1, 0}, {1, 0}};
    static final double[][] SPREAD = {{1, 0}, {0.6, 0.8}, {0, 1}, {-0.8, 0.6}};

    @ParameterizedTest
    @ValueSource(strings = {"ce", "contrastive", "triplet", "triplet-semihard", "margin", "ms",
        "ms+ce", "contrastive:0.5,triplet:0.5,margin:1"})
    void identicalEmbeddingsGiveFiniteLossAndGradient(String spec) {
        EmbeddingLoss loss = LossFactory.create(spec, null);
        LossHarness.Result result = LossHarness.withGradients(loss, IDENTICAL,
                new long[] {0, 0, 1, 1}, LOGITS);
        assertTrue(Double.isFinite(result.loss()), spec + " loss " + result.loss());
        assertTrue(LossHarness.allFinite(result.embeddingGradient()), spec + " gradient");
        assertTrue(LossHarness.allFinite(result.logitGradient()), spec + " logit gradient");
    }

    @ParameterizedTest
    @ValueSource(strings = {"contrastive", "triplet", "margin", "ms"})
    void identicalEmbeddingsGiveTheHandValues(String spec) {
        // All distances 0, all similarities 1 (up to float32 rounding of the Gram form):
        // contrastive: positives 0, negatives 1 - 0 = 1 -> 1.
        // triplet (squared, margin 0.2): every triplet 0 - 0 + 0.2 -> 0.2.
        // margin: positives [0.2 + 0 - 1.2]+ = 0, negatives [0.2 - 0 + 1.2] = 1.4 -> 1.4.
        // ms: positives 1/2 log(1 + e^{-2 * 0.5}) = 0.156631, kept since 1 - 0.1 < 1; two
        //     negatives 1/50 log(1 + 2 e^{50 * 0.5}) = 0.5 + 0.02 log(2) = 0.513863; sum 0.670494.
        double expected = switch (spec) {
            case "contrastive" -> 1.0;
            case "triplet" -> 0.2;
            case "margin" -> 1.4;
            default -> 0.5 * Math.log(1 + Math.exp(-1)) + Math.log(1 + 2 * Math.exp(25)) / 50;
        };
        assertEquals(expected, LossHarness.value(LossFactory.create(spec, null), IDENTICAL,
                new long[] {0, 0, 1, 1}, null), 1e-3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"contrastive", "triplet", "triplet-semihard", "margin", "ms"})
    void batchesWithoutPositivesOrNegativesStayFinite(String spec) {
        EmbeddingLoss loss = LossFactory.create(spec, null);
        for (long[] labels : new long[][] {{0, 1, 2, 3}, {5, 5, 5, 5}}) {
            LossHarness.Result result = LossHarness.withGradients(loss, SPREAD, labels, null);
            assertTrue(Double.isFinite(result.loss()), spec);
            assertTrue(LossHarness.allFinite(result.embeddingGradient()), spec);
        }
        // With no positive pair, triplet and mined MS have nothing to score.
        if (spec.startsWith("triplet") || spec.equals("ms")) {
            assertEquals(0.0, LossHarness.value(loss, SPREAD, new long[] {0, 1, 2, 3}, null));
        }
    }
}
