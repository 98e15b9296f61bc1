package org.dmlworkbench.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dmlworkbench.training.TrainingObserver;
import org.junit.jupiter.api.Test;

class ProgressTextTest {

    @Test
    void describesEpochStepThroughputAndTheRunsRemainingTime() {
        // Epoch 2 of 5, step 120 of 468, 42 s left in this epoch for its 348 remaining steps:
        // 42/348 s per step, times 3 more epochs of 468 steps = 169.45 s, plus 42 = 211.45 s = 3:31.
        TrainingObserver.Step step = new TrainingObserver.Step(1, 120, 468, 588, 0.5f, 1834.4, 42);
        assertEquals("epoch 2/5 · step 120/468 · 1,834 img/s · ETA 3:31", ProgressText.of(step, 5));
        assertEquals((468 + 120) / (5.0 * 468), ProgressText.fraction(step, 5), 1e-12);
    }

    @Test
    void theLastEpochsEtaIsTheTrainersAndTheEndOfAnEpochHasNoPaceToExtrapolate() {
        TrainingObserver.Step last = new TrainingObserver.Step(4, 100, 468, 1972, 0.5f, 900, 80);
        assertEquals(80, ProgressText.runEtaSeconds(last, 5), 1e-12);
        TrainingObserver.Step endOfEpoch = new TrainingObserver.Step(0, 468, 468, 468, 0.5f, 900, 0);
        assertEquals("–", ProgressText.clock(ProgressText.runEtaSeconds(endOfEpoch, 5)));
    }

    @Test
    void clockShowsMinutesThenHours() {
        assertEquals("0:42", ProgressText.clock(42.4));
        assertEquals("1:00", ProgressText.clock(59.6));
        assertEquals("1:01:05", ProgressText.clock(3665));
        assertEquals("–", ProgressText.clock(Double.NaN));
    }
}
