package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContrastiveLossTest {

    /** Corners of a 0.6 x 0.8 rectangle; class 0 on the bottom edge, class 1 on the top. */
    static final double[][] RECTANGLE = {{0, 0}, {0.6, 0}, {0, 0.8}, {0.6, 0.8}};
    static final long[] TWO_CLASSES = {0, 0, 1, 1};
    static final long[][] LABELINGS = {{0, 0, 1, 1, 2, 2}, {0, 1, 0, 2, 1, 0}, {0, 0, 0, 1, 1, 1}};

    @Test
    void literalValueOnRectangle() {
        // Positive pairs (0,1), (2,3) at distance 0.6: hinge 0.6 - 0 = 0.6 on 4 ordered pairs,
        // mean 0.6. Negative pairs: (0,2), (1,3) at 0.8 -> 1 - 0.8 = 0.2; (0,3), (1,2) at 1.0
        // -> 0. Non-zero mean of negatives = 0.2. Total 0.6 + 0.2 = 0.8.
        double loss = LossHarness.value(new ContrastiveLoss(), RECTANGLE, TWO_CLASSES, null);
        assertEquals(0.8, loss, 1e-6);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void matchesDoubleLoopsOnRandomUnitBatches(long seed) {
        double[][] e = LossHarness.unitRows(seed, 6, 3);
        for (long[] labels : LABELINGS) {
            assertEquals(ReferenceLosses.contrastive(e, labels, 0, 1),
                    LossHarness.value(new ContrastiveLoss(), e, labels, null), 1e-5);
            assertEquals(ReferenceLosses.contrastive(e, labels, 0.3, 1.4),
                    LossHarness.value(new ContrastiveLoss(0.3, 1.4), e, labels, null), 1e-5);
        }
    }

    @Test
    void descentPullsPositivesTogetherAndPushesNegativesApart() {
        EmbeddingLoss loss = new ContrastiveLoss();
        LossHarness.Result before = LossHarness.withGradients(loss, RECTANGLE, TWO_CLASSES, null);
        double[][] moved = LossHarness.descend(RECTANGLE, before.embeddingGradient(), 1e-3);
        assertTrue(LossHarness.value(loss, moved, TWO_CLASSES, null) < before.loss());
        assertTrue(LossHarness.distance(moved[0], moved[1])
                < LossHarness.distance(RECTANGLE[0], RECTANGLE[1]), "positives pulled together");
        assertTrue(LossHarness.distance(moved[0], moved[2])
                > LossHarness.distance(RECTANGLE[0], RECTANGLE[2]), "negatives pushed apart");
        // Point 0 is pulled toward 1 (+x) and pushed away from 2 (-y).
        assertTrue(before.embeddingGradient()[0][0] < 0);
        assertTrue(before.embeddingGradient()[0][1] > 0);
    }

    @Test
    void rejectsNegativeMarginInsidePositiveMargin() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ContrastiveLoss(0.5, 0.4));
        assertTrue(error.getMessage().contains("0.4"), error.getMessage());
    }

    @Test
    void rejectsMismatchedLabels() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LossHarness.value(new ContrastiveLoss(), RECTANGLE, new long[] {0, 1, 1},
                        null));
        assertTrue(error.getMessage().contains("3 labels for 4 embeddings"), error.getMessage());
    }
}
