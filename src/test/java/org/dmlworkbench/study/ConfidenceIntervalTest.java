package org.dmlworkbench.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfidenceIntervalTest {

    @Test
    void tQuantilesMatchTheTable() {
        // two-sided 95% critical values from a printed t table
        assertEquals(12.706, ConfidenceInterval.tQuantile975(1), 1e-3);
        assertEquals(4.303, ConfidenceInterval.tQuantile975(2), 1e-3);
        assertEquals(2.776, ConfidenceInterval.tQuantile975(4), 1e-3);
        assertEquals(2.228, ConfidenceInterval.tQuantile975(10), 1e-3);
    }

    @Test
    void threeValuesByHand() {
        // values 0.80, 0.84, 0.88: mean 0.84; deviations -0.04, 0, 0.04; sum of squares 0.0032;
        // sample variance 0.0032 / 2 = 0.0016, sd 0.04; half width 4.303 * 0.04 / sqrt(3) = 0.09937
        ConfidenceInterval ci = ConfidenceInterval.of(new double[] {0.80, 0.84, 0.88});
        assertEquals(3, ci.n());
        assertEquals(0.84, ci.mean(), 1e-12);
        assertEquals(0.04, ci.sd(), 1e-12);
        assertEquals(0.84 - 0.09937, ci.low(), 1e-4);
        assertEquals(0.84 + 0.09937, ci.high(), 1e-4);
    }

    @Test
    void oneValueHasNoSpread() {
        ConfidenceInterval ci = ConfidenceInterval.of(new double[] {0.5});
        assertEquals(0.5, ci.mean());
        assertTrue(Double.isNaN(ci.sd()) && Double.isNaN(ci.low()) && Double.isNaN(ci.high()));
        assertEquals(0, ConfidenceInterval.of(new double[0]).n());
    }
}
