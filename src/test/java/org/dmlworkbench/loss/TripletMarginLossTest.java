package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmlworkbench.loss.miners.TripletMiner.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TripletMarginLossTest {

    static final double[][] POINTS = {{0, 0}, {0.6, 0}, {0, 0.7}, {0.1, 0.7}};
    static final long[] LABELS = {0, 0, 1, 1};

    @Test
    void literalValueWithSquaredDistances() {
        // Squared distances: d01 = 0.36, d02 = 0.49, d03 = 0.50, d12 = 0.85, d13 = 0.74,
        // d23 = 0.01. Terms d(a,p) - d(a,n) + 0.2:
        // (0,1,2) 0.36 - 0.49 + 0.2 = 0.07; (0,1,3) 0.36 - 0.50 + 0.2 = 0.06;
        // (1,0,2) -0.29; (1,0,3) -0.18; anchors 2 and 3 (positive at 0.01): all < 0.
        // Mean of the two non-zero terms: 0.065. Both are semi-hard (separation 0.13 and 0.14
        // in (0, 0.2)), none is hard, so semi-hard gives 0.065 as well and hard gives 0.
        assertEquals(0.065, LossHarness.value(new TripletMarginLoss(), POINTS, LABELS, null),
                1e-6);
        assertEquals(0.065, LossHarness.value(new TripletMarginLoss(0.2, Mode.SEMI_HARD, true),
                POINTS, LABELS, null), 1e-6);
        assertEquals(0.0, LossHarness.value(new TripletMarginLoss(0.2, Mode.HARD, true),
                POINTS, LABELS, null), 1e-7);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void matchesDoubleLoopsOnRandomUnitBatches(long seed) {
        double[][] e = LossHarness.unitRows(seed, 6, 3);
        for (long[] labels : ContrastiveLossTest.LABELINGS) {
            for (Mode mode : Mode.values()) {
                for (boolean squared : new boolean[] {true, false}) {
                    for (double margin : new double[] {0.2, 0.5}) {
                        double expected = ReferenceLosses.triplet(e, labels, margin, squared,
                                mode.label());
                        double actual = LossHarness.value(
                                new TripletMarginLoss(margin, mode, squared), e, labels, null);
                        assertEquals(expected, actual, 1e-5,
                                mode + " squared=" + squared + " margin=" + margin);
                    }
                }
            }
        }
    }

    @Test
    void descentPullsTheActivePositiveCloser() {
        EmbeddingLoss loss = new TripletMarginLoss();
        LossHarness.Result before = LossHarness.withGradients(loss, POINTS, LABELS, null);
        double[][] moved = LossHarness.descend(POINTS, before.embeddingGradient(), 1e-3);
        assertTrue(LossHarness.value(loss, moved, LABELS, null) < before.loss());
        assertTrue(LossHarness.distance(moved[0], moved[1])
                < LossHarness.distance(POINTS[0], POINTS[1]), "anchor 0 moves toward positive 1");
        assertTrue(LossHarness.distance(moved[0], moved[2])
                > LossHarness.distance(POINTS[0], POINTS[2]), "anchor 0 moves away from 2");
    }
}
