package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QuadTreeTest {

    /** The exact sums by a double loop: z_i = sum_j w_ij, f_i = sum_j w_ij^2 (y_i - y_j). */
    private static double[][] exact(double[] xy, int n) {
        double[][] out = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double dx = xy[2 * i] - xy[2 * j];
                double dy = xy[2 * i + 1] - xy[2 * j + 1];
                double w = 1 / (1 + dx * dx + dy * dy);
                out[i][0] += w;
                out[i][1] += w * w * dx;
                out[i][2] += w * w * dy;
            }
        }
        return out;
    }

    private static double[] randomClusters(int n, long seed) {
        Random random = new Random(seed);
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double cx = 20 * (i % 4);
            xy[2 * i] = cx + 3 * random.nextGaussian();
            xy[2 * i + 1] = 3 * random.nextGaussian();
        }
        return xy;
    }

    @Test
    void thetaZeroIsExact() {
        int n = 400;
        double[] xy = randomClusters(n, 1);
        double[][] expected = exact(xy, n);
        QuadTree tree = new QuadTree();
        tree.build(xy, n);
        double[] force = new double[2 * n];
        int[] stack = QuadTree.newStack();
        for (int i = 0; i < n; i++) {
            double z = tree.repulsion(i, 0, stack, force);
            assertEquals(expected[i][0], z, 1e-12 * expected[i][0]);
            assertEquals(expected[i][1], force[2 * i], 1e-12);
            assertEquals(expected[i][2], force[2 * i + 1], 1e-12);
        }
    }

    @Test
    void thetaHalfApproximatesClosely() {
        int n = 2000;
        double[] xy = randomClusters(n, 2);
        double[][] expected = exact(xy, n);
        QuadTree tree = new QuadTree();
        tree.build(xy, n);
        double[] force = new double[2 * n];
        int[] stack = QuadTree.newStack();
        double zExact = 0;
        double zTree = 0;
        double errorSquared = 0;
        double normSquared = 0;
        for (int i = 0; i < n; i++) {
            zTree += tree.repulsion(i, 0.5 * 0.5, stack, force);
            zExact += expected[i][0];
            double ex = force[2 * i] - expected[i][1];
            double ey = force[2 * i + 1] - expected[i][2];
            errorSquared += ex * ex + ey * ey;
            normSquared += expected[i][1] * expected[i][1] + expected[i][2] * expected[i][2];
        }
        assertEquals(zExact, zTree, 0.01 * zExact);
        assertTrue(Math.sqrt(errorSquared / normSquared) < 0.02,
                "relative force error " + Math.sqrt(errorSquared / normSquared));
    }

    @Test
    void coincidentPointsStopAtTheDepthLimit() {
        // 50 copies of one point and 50 of another: no cell can ever separate the copies.
        int n = 100;
        double[] xy = new double[2 * n];
        for (int i = 50; i < n; i++) {
            xy[2 * i] = 1;
            xy[2 * i + 1] = 1;
        }
        QuadTree tree = new QuadTree();
        tree.build(xy, n);
        double[] force = new double[2 * n];
        double z = tree.repulsion(0, 0.25, QuadTree.newStack(), force);
        // 49 copies at distance 0 (w = 1) and 50 points at squared distance 2 (w = 1/3).
        assertEquals(49 + 50 / 3.0, z, 1e-9);
        // Each far point pushes with w^2 (0 - 1) = -1/9 per axis.
        assertEquals(-50 / 9.0, force[0], 1e-9);
        assertEquals(-50 / 9.0, force[1], 1e-9);
    }
}
