package org.dmlworkbench.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LossCurveTest {

    @Test
    void keepsEveryStepWhileThereIsRoomAndSmoothsWithTheStartUpCorrection() {
        LossCurve curve = new LossCurve(8, 0.5);
        double[] losses = {4, 2, 6};
        for (int i = 0; i < losses.length; i++) {
            curve.add(i + 1, losses[i]);
        }
        assertEquals(3, curve.size());
        // By hand, b = 0.5: ema = 2, 2, 4; corrections 1-b^t = 0.5, 0.75, 0.875
        // -> smoothed 4, 2/0.75 = 2.6667, 4/0.875 = 4.5714.
        double[] expected = {4, 2 / 0.75, 4 / 0.875};
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, curve.x(i));
            assertEquals(losses[i], curve.raw(i), 1e-12);
            assertEquals(expected[i], curve.smoothed(i), 1e-12);
        }
    }

    @Test
    void mergesNeighbourPairsWhenFullAndDoublesTheWidth() {
        LossCurve curve = new LossCurve(4, 0);
        int generation = curve.generation();
        for (int step = 1; step <= 4; step++) {
            curve.add(step, step * 10);
        }
        // 4 full buckets of width 1 reach the limit: pairs merge into (10+20)/2 at x=2 and
        // (30+40)/2 at x=4, and buckets now take 2 steps.
        assertNotEquals(generation, curve.generation());
        assertEquals(2, curve.width());
        assertEquals(2, curve.size());
        assertEquals(2, curve.x(0));
        assertEquals(15, curve.raw(0), 1e-12);
        assertEquals(4, curve.x(1));
        assertEquals(35, curve.raw(1), 1e-12);
        // With no smoothing the smoothed value of a bucket is its last step's loss.
        assertEquals(40, curve.smoothed(1), 1e-12);

        int afterMerge = curve.generation();
        curve.add(5, 50);
        // A half-filled bucket shows as a third point without touching the others.
        assertEquals(3, curve.size());
        assertEquals(afterMerge, curve.generation());
        assertEquals(50, curve.raw(2), 1e-12);
    }

    @Test
    void tenThousandStepsStayWithinThePointBudgetAndEachPointIsTheMeanOfItsSteps() {
        int maxPoints = 1000;
        LossCurve curve = new LossCurve(maxPoints, 0.9);
        int steps = 10_000;
        double[] losses = new double[steps];
        for (int i = 0; i < steps; i++) {
            losses[i] = 2 + Math.sin(i * 0.01) + (i % 7) * 0.1;
            curve.add(i + 1, losses[i]);
            assertTrue(curve.size() <= maxPoints, "more than " + maxPoints + " points after " + (i + 1));
        }
        // 10,000 steps over buckets of 16 (1000 -> 500 buckets at 2, ... 16 after 4 merges).
        assertEquals(16, curve.width());
        assertEquals(625, curve.size());
        int firstStep = 0;
        for (int p = 0; p < curve.size(); p++) {
            int lastStep = (int) curve.x(p);
            double sum = 0;
            for (int s = firstStep; s < lastStep; s++) {
                sum += losses[s];
            }
            assertEquals(sum / (lastStep - firstStep), curve.raw(p), 1e-9, "point " + p);
            firstStep = lastStep;
        }
        assertEquals(steps, firstStep);
        // The smoothed value of the last point is the corrected EMA over all steps, in doubles.
        double ema = 0;
        for (int i = 0; i < steps; i++) {
            ema = 0.9 * ema + 0.1 * losses[i];
        }
        assertEquals(ema / (1 - Math.pow(0.9, steps)), curve.smoothed(curve.size() - 1), 1e-9);
    }

    @Test
    void rejectsAnOddPointBudgetAndASmoothingOfOne() {
        assertThrows(IllegalArgumentException.class, () -> new LossCurve(5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new LossCurve(4, 1));
    }

    @Test
    void keepingPointsUpToAPositionSmoothsOnAsIfTheLaterStepsHadNeverCome() {
        LossCurve resumed = new LossCurve(8, 0.5);
        LossCurve straight = new LossCurve(8, 0.5);
        double[] losses = {4, 2, 6, 8, 1};
        for (int i = 0; i < losses.length; i++) {
            resumed.add(i + 1, losses[i]);
        }
        // Resumed from the checkpoint after step 3: steps 4 and 5 are trained again, with new losses.
        resumed.keepUpTo(3);
        assertEquals(3, resumed.size());
        assertEquals(3, resumed.steps());
        for (int i = 0; i < 3; i++) {
            straight.add(i + 1, losses[i]);
        }
        resumed.add(4, 3);
        straight.add(4, 3);
        assertEquals(4, resumed.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(straight.x(i), resumed.x(i));
            assertEquals(straight.raw(i), resumed.raw(i), 1e-12);
            assertEquals(straight.smoothed(i), resumed.smoothed(i), 1e-12);
        }
    }
}
