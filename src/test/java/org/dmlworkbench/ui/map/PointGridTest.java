package org.dmlworkbench.ui.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PointGridTest {

    private static final double W = 400;
    private static final double H = 300;

    private static float[][] randomPoints(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            // Some points off the screen on every side.
            x[i] = (float) (random.nextDouble() * (W + 40) - 20);
            y[i] = (float) (random.nextDouble() * (H + 40) - 20);
        }
        return new float[][] {x, y};
    }

    @Test
    void nearestMatchesALinearScanOverTheVisiblePoints() {
        float[][] p = randomPoints(3000, 1);
        PointGrid grid = new PointGrid(p[0], p[1], W, H, 12);
        Random random = new Random(2);
        for (int q = 0; q < 2000; q++) {
            double qx = random.nextDouble() * W;
            double qy = random.nextDouble() * H;
            double radius = 6;
            int expected = -1;
            double best = radius * radius;
            for (int i = 0; i < p[0].length; i++) {
                boolean visible = p[0][i] >= 0 && p[0][i] < W && p[1][i] >= 0 && p[1][i] < H;
                double d = Math.pow(p[0][i] - qx, 2) + Math.pow(p[1][i] - qy, 2);
                if (visible && d <= best && (expected < 0 || d < best)) {
                    best = d;
                    expected = i;
                }
            }
            assertEquals(expected, grid.nearest(qx, qy, radius, null), "query " + qx + ", " + qy);
        }
    }

    @Test
    void equallyNearPointsGoToTheOneDrawnOnTop() {
        float[] x = {50, 50, 50};
        float[] y = {40, 40, 40};
        PointGrid grid = new PointGrid(x, y, 100, 100, 10);
        assertEquals(0, grid.nearest(51, 40, 5, null));
        assertEquals(1, grid.nearest(51, 40, 5, new int[] {0, 2, 1}));
        assertEquals(-1, grid.nearest(60, 40, 5, null), "10 px away is outside a 5 px radius");
    }

    @Test
    void rectangleSelectionMatchesALinearScanWithEdgesIncluded() {
        float[][] p = randomPoints(5000, 3);
        PointGrid grid = new PointGrid(p[0], p[1], W, H, 12);
        double x0 = 310.5;
        double y0 = 20.25;
        double x1 = 45;
        double y1 = 201;
        int[] expected = IntStream.range(0, p[0].length).filter(i -> p[0][i] >= 45 && p[0][i] <= 310.5
                && p[1][i] >= 20.25 && p[1][i] <= 201 && p[0][i] < W && p[1][i] < H).toArray();
        assertTrue(expected.length > 1000);
        assertArrayEquals(expected, grid.inRectangle(x0, y0, x1, y1));
        // A point exactly on the edge is inside.
        PointGrid edge = new PointGrid(new float[] {10, 20}, new float[] {10, 20}, 100, 100, 8);
        assertArrayEquals(new int[] {0, 1}, edge.inRectangle(10, 10, 20, 20));
    }

    @Test
    void lassoSelectsThePointsInsideATriangle() {
        float[][] p = randomPoints(4000, 4);
        PointGrid grid = new PointGrid(p[0], p[1], W, H, 12);
        double[] tx = {50, 350, 120};
        double[] ty = {30, 90, 280};
        // Independent inside test: the point is on the same side of all three edges (cross products).
        int[] expected = IntStream.range(0, p[0].length).filter(i -> {
            if (p[0][i] < 0 || p[0][i] >= W || p[1][i] < 0 || p[1][i] >= H) {
                return false;
            }
            double c0 = cross(tx[0], ty[0], tx[1], ty[1], p[0][i], p[1][i]);
            double c1 = cross(tx[1], ty[1], tx[2], ty[2], p[0][i], p[1][i]);
            double c2 = cross(tx[2], ty[2], tx[0], ty[0], p[0][i], p[1][i]);
            return c0 > 0 && c1 > 0 && c2 > 0 || c0 < 0 && c1 < 0 && c2 < 0;
        }).toArray();
        assertTrue(expected.length > 500);
        assertArrayEquals(expected, grid.inPolygon(tx, ty));
    }

    private static double cross(double ax, double ay, double bx, double by, double px, double py) {
        return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    }

    @Test
    void aConcavePolygonLeavesOutItsNotch() {
        // A "U": outer square 0..30 with the notch 10..20 x 0..20 cut from the top.
        double[] ux = {0, 10, 10, 20, 20, 30, 30, 0};
        double[] uy = {0, 0, 20, 20, 0, 0, 30, 30};
        assertTrue(PointGrid.contains(ux, uy, 5, 5));
        assertFalse(PointGrid.contains(ux, uy, 15, 5));
        assertTrue(PointGrid.contains(ux, uy, 15, 25));
        assertTrue(PointGrid.contains(ux, uy, 25, 5));
        assertFalse(PointGrid.contains(ux, uy, 35, 5));
    }

    @Test
    void pointsOffTheScreenAreNotCounted() {
        PointGrid grid = new PointGrid(new float[] {-1, 5, 100, 50}, new float[] {5, -3, 5, 50}, 100, 100, 10);
        assertEquals(1, grid.visibleCount());
        assertEquals(-1, grid.nearest(0, 5, 3, null));
    }
}
