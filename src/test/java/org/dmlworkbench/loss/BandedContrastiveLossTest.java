package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BandedContrastiveLossTest {

    /** Corners of a 1.2 x 0.8 rectangle; class 0 on the bottom edge, class 1 on the top. */
    static final double[][] RECTANGLE = {{0, 0}, {1.2, 0}, {0, 0.8}, {1.2, 0.8}};
    static final long[] LABELS = {0, 0, 1, 1};

    @Test
    void literalValueWithPaperDefaults() {
        // margin 0.2, beta 1.2. Positives (0,1), (2,3) at 1.2: 0.2 + (1.2 - 1.2) = 0.2, on 4
        // ordered pairs. Negatives (0,2), (1,3) at 0.8: 0.2 - (0.8 - 1.2) = 0.6 on 4 ordered
        // pairs; (0,3), (1,2) at sqrt(1.44 + 0.64) = 1.442: 0.2 - 0.242 < 0 -> 0.
        // Sum 4 * 0.2 + 4 * 0.6 = 3.2 over 8 non-zero terms = 0.4.
        assertEquals(0.4, LossHarness.value(new BandedContrastiveLoss(), RECTANGLE, LABELS, null), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void matchesDoubleLoopsOnRandomUnitBatches(long seed) {
        double[][] e = LossHarness.unitRows(seed, 6, 4);
        for (long[] labels : ContrastiveLossTest.LABELINGS) {
            assertEquals(ReferenceLosses.margin(e, labels, 0.2, 1.2),
                    LossHarness.value(new BandedContrastiveLoss(), e, labels, null), 1e-5);
            assertEquals(ReferenceLosses.margin(e, labels, 0.4, 0.9),
                    LossHarness.value(new BandedContrastiveLoss(0.4, 0.9), e, labels, null), 1e-5);
        }
    }

    @Test
    void descentPullsPositivesTogether() {
        EmbeddingLoss loss = new BandedContrastiveLoss();
        LossHarness.Result before = LossHarness.withGradients(loss, RECTANGLE, LABELS, null);
        double[][] moved = LossHarness.descend(RECTANGLE, before.embeddingGradient(), 1e-3);
        assertTrue(LossHarness.value(loss, moved, LABELS, null) < before.loss());
        assertTrue(LossHarness.distance(moved[0], moved[1])
                < LossHarness.distance(RECTANGLE[0], RECTANGLE[1]));
        assertTrue(LossHarness.distance(moved[0], moved[2])
                > LossHarness.distance(RECTANGLE[0], RECTANGLE[2]));
    }
}
