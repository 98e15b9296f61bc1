package org.dmlworkbench.guided;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class GeminiLossTest {

    /*
     * One triplet by hand, beta = 0.25, m = 3:
     *   f(a) = (0, 0, 0), f(p) = (1, 2, 2): d = 3
     *   g(a) = (0, 0), g(p) = (3, 4): d = 5, so M = 5 + 3 = 8
     *   g(n) = (6, 8): d(g(a), g(n)) = 10, hinge [8 - 10]_+ = 0 -> loss = 0.25 * 3 = 0.75
     *   g(n) = (0, 6): d = 6, hinge [8 - 6]_+ = 2 -> loss = 0.75 + 0.75 * 2 = 2.25
     * The batch mean of both triplets: (0.75 + 2.25) / 2 = 1.5.
     */
    @Test
    void equationFiveOnHandComputedTriplets() {
        GeminiLoss loss = new GeminiLoss(0.25, 3.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray fa = manager.create(new float[][] {{0, 0, 0}, {0, 0, 0}});
            NDArray fp = manager.create(new float[][] {{1, 2, 2}, {1, 2, 2}});
            NDArray ga = manager.create(new float[][] {{0, 0}, {0, 0}});
            NDArray gp = manager.create(new float[][] {{3, 4}, {3, 4}});
            NDArray gn = manager.create(new float[][] {{6, 8}, {0, 6}});
            assertEquals(1.5, loss.compute(fa, fp, ga, gp, gn).getFloat(), 1e-5);
            assertEquals(0.75, loss.compute(fa.get("0:1"), fp.get("0:1"), ga.get("0:1"),
                    gp.get("0:1"), gn.get("0:1")).getFloat(), 1e-5);
        }
    }

    /*
     * Eq. 6 with beta = 0.005, m = 3 (the paper's defaults): f(a) = (1, 1), f(p) = (4, 5): d = 5;
     * g(a) = (1, 0), g(p) = (1, 1): d = 1, M = 4; constraint c = (1, 2): d(g(a), c) = 2,
     * hinge [4 - 2]_+ = 2; loss = 0.005 * 5 + 0.995 * 2 = 2.015.
     */
    @Test
    void equationSixUsesTheConstraintPointInsteadOfTheNegative() {
        GeminiLoss loss = new GeminiLoss(0.005, 3.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray value = loss.computeWithConstraint(manager.create(new float[][] {{1, 1}}),
                    manager.create(new float[][] {{4, 5}}), manager.create(new float[][] {{1, 0}}),
                    manager.create(new float[][] {{1, 1}}), manager.create(new float[] {1, 2}));
            assertEquals(2.015, value.getFloat(), 1e-5);
        }
    }
}
