package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmlworkbench.loss.miners.MultiSimilarityMiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultiSimilarityLossTest {

    /** Unit vectors: S01 = 0.6, S02 = 0, S12 = 0.8; items 0, 1 share a class. */
    static final double[][] THREE = {{1, 0}, {0.6, 0.8}, {0, 1}};
    static final long[] LABELS = {0, 0, 1};

    @Test
    void literalValueWithoutMining() {
        // alpha 2, beta 50, base 0.5.
        // Anchor 0: 1/2 log(1 + e^{-2(0.6-0.5)}) = 0.5 log(1.81873) = 0.299069,
        //           negative 1/50 log(1 + e^{50(0-0.5)}) = 2.8e-13.
        // Anchor 1: the same positive 0.299069, negative 1/50 log(1 + e^{50(0.8-0.5)})
        //           = 1/50 (15 + log(1 + e^-15)) = 0.300000006.
        // Anchor 2: no positive; negatives 1/50 log(1 + e^-25 + e^15) = 0.300000006.
        // Mean over 3 anchors: (0.299069 * 2 + 0.300000006 * 2) / 3 = 0.399380.
        MultiSimilarityLoss loss = new MultiSimilarityLoss(2, 50, 0.5, null);
        assertEquals(0.3993796, LossHarness.value(loss, THREE, LABELS, null), 1e-6);
    }

    @Test
    void literalValueWithMining() {
        // epsilon 0.1. Anchor 0: hardest negative S02 = 0, positive S01 = 0.6 kept only if
        // 0.6 - 0.1 < 0: no; negative kept only if 0 + 0.1 > 0.6: no -> contributes 0.
        // Anchor 1: hardest negative 0.8 keeps the positive (0.5 < 0.8) and the hardest
        // positive 0.6 keeps the negative (0.9 > 0.6): 0.299069 + 0.300000006.
        // Anchor 2 has no positive, so no negative is kept. (0.299069 + 0.3) / 3 = 0.199690.
        assertEquals(0.1996898, LossHarness.value(new MultiSimilarityLoss(), THREE, LABELS, null),
                1e-6);
    }

    @ParameterizedTest
    @ValueSource(longs = {10, 11, 12})
    void matchesDoubleLoopsOnRandomUnitBatches(long seed) {
        double[][] e = LossHarness.unitRows(seed, 6, 3);
        for (long[] labels : ContrastiveLossTest.LABELINGS) {
            assertEquals(ReferenceLosses.multiSimilarity(e, labels, 2, 50, 0.5, 0.1),
                    LossHarness.value(new MultiSimilarityLoss(), e, labels, null), 1e-5);
            assertEquals(ReferenceLosses.multiSimilarity(e, labels, 2, 50, 0.5, Double.NaN),
                    LossHarness.value(new MultiSimilarityLoss(2, 50, 0.5, null), e, labels, null),
                    1e-5);
            assertEquals(ReferenceLosses.multiSimilarity(e, labels, 3, 40, 0.2, 0.05),
                    LossHarness.value(new MultiSimilarityLoss(3, 40, 0.2,
                            new MultiSimilarityMiner(0.05)), e, labels, null), 1e-5);
        }
    }

    @Test
    void largeScalesDoNotOverflow() {
        // beta 200 gives exponents up to 200 * 0.5 = 100: e^100 overflows float32, so only a
        // shifted log-sum-exp can match the double result.
        double[][] e = LossHarness.unitRows(13, 6, 3);
        long[] labels = ContrastiveLossTest.LABELINGS[0];
        double expected = ReferenceLosses.multiSimilarity(e, labels, 100, 200, 0.5, Double.NaN);
        LossHarness.Result result = LossHarness.withGradients(
                new MultiSimilarityLoss(100, 200, 0.5, null), e, labels, null);
        assertEquals(expected, result.loss(), 1e-4 * Math.max(1, expected));
        assertTrue(LossHarness.allFinite(result.embeddingGradient()));
    }

    @Test
    void descentRaisesPositiveSimilarity() {
        EmbeddingLoss loss = new MultiSimilarityLoss();
        LossHarness.Result before = LossHarness.withGradients(loss, THREE, LABELS, null);
        double[][] moved = LossHarness.descend(THREE, before.embeddingGradient(), 1e-3);
        assertTrue(LossHarness.value(loss, moved, LABELS, null) < before.loss());
        assertTrue(LossHarness.cosine(moved[0], moved[1])
                > LossHarness.cosine(THREE[0], THREE[1]), "positives pulled together");
        assertTrue(LossHarness.cosine(moved[1], moved[2])
                < LossHarness.cosine(THREE[1], THREE[2]), "hard negative pushed away");
    }
}
