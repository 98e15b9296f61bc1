package org.dmlworkbench.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.dmlworkbench.config.OptimizerSpec;

class OptimizerSpecTest {

    private static final double EPS = 1e-12;

    @Test
    void warmupRampsLinearlyThenCosineDecaysToZero() {
        // 100 steps, 10% warm-up: steps 0..9 ramp 0.1, 0.2, ..., 1.0 of the base rate; then
        // cosine over the remaining 90 steps: at step 10 + 45 the rate is half, at 100 it is 0.
        OptimizerSpec spec = new OptimizerSpec("adam", 0.01, 0, 0, 0, "cosine", 0.1);
        assertEquals(0.001, spec.learningRateAt(0, 100), EPS);
        assertEquals(0.005, spec.learningRateAt(4, 100), EPS);
        assertEquals(0.01, spec.learningRateAt(9, 100), EPS);
        assertEquals(0.01, spec.learningRateAt(10, 100), EPS);
        assertEquals(0.005, spec.learningRateAt(55, 100), EPS);
        assertEquals(0.01 * 0.5 * (1 + Math.cos(Math.PI * 80 / 90.0)), spec.learningRateAt(90, 100), EPS);
        assertEquals(0.0, spec.learningRateAt(100, 100), EPS);
    }

    @Test
    void constantScheduleKeepsTheRateAfterWarmup() {
        OptimizerSpec spec = new OptimizerSpec("sgd", 0.1, 0, 0.9, 0, "constant", 0.5);
        assertEquals(0.05, spec.learningRateAt(4, 20), EPS);
        assertEquals(0.1, spec.learningRateAt(10, 20), EPS);
        assertEquals(0.1, spec.learningRateAt(19, 20), EPS);
    }

    @Test
    void configsWrittenBeforeSchedulesTrainAtAConstantRate() {
        OptimizerSpec legacy = new OptimizerSpec("adam", 0.001, 0, 0, 0, null, 0);
        assertEquals("constant", legacy.schedule());
        assertEquals(0.001, legacy.learningRateAt(0, 10), EPS);
        assertEquals(0.001, legacy.learningRateAt(9, 10), EPS);
    }

    @Test
    void rejectsUnknownScheduleAndBadWarmup() {
        assertThrows(IllegalArgumentException.class,
                () -> new OptimizerSpec("adam", 0.001, 0, 0, 0, "step", 0));
        assertThrows(IllegalArgumentException.class,
                () -> new OptimizerSpec("adam", 0.001, 0, 0, 0, "cosine", 1.0));
    }
}
