package org.dmlworkbench.ui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViewTransformTest {

    @Test
    void fitCentresTheBoxWithEqualScaleOnBothAxes() {
        ViewTransform view = new ViewTransform();
        // Box 10 wide, 4 high, in a 220 x 120 view with margin 10: usable 200 x 100, so
        // scale = min(200 / 10, 100 / 4) = 20; the centre (5, 2) goes to (110, 60).
        view.fit(0, 10, 0, 4, 220, 120, 10);
        assertEquals(20, view.scale(), 1e-12);
        assertEquals(110, view.toScreenX(5), 1e-12);
        assertEquals(60, view.toScreenY(2), 1e-12);
        // x from 0..10 spans 200 px: 10 .. 210; y is flipped: y = 4 is at the top (20), 0 at 100.
        assertEquals(10, view.toScreenX(0), 1e-12);
        assertEquals(210, view.toScreenX(10), 1e-12);
        assertEquals(20, view.toScreenY(4), 1e-12);
        assertEquals(100, view.toScreenY(0), 1e-12);
    }

    @Test
    void aBoxOfZeroExtentIsShownAtScaleOneAroundItsCentre() {
        ViewTransform view = new ViewTransform();
        view.fit(3, 3, -1, -1, 200, 100, 10);
        assertEquals(1, view.scale(), 0);
        assertEquals(100, view.toScreenX(3), 1e-12);
        assertEquals(50, view.toScreenY(-1), 1e-12);
    }

    @Test
    void screenAndDataCoordinatesRoundTrip() {
        ViewTransform view = new ViewTransform();
        view.fit(-7, 13, -2, 9, 640, 480, 24);
        view.pan(17, -5);
        view.zoomAround(100, 200, 3.5);
        for (double x : new double[] {-7, 0, 2.5, 13}) {
            assertEquals(x, view.toDataX(view.toScreenX(x)), 1e-9);
            assertEquals(x, view.toDataY(view.toScreenY(x)), 1e-9);
        }
    }

    @Test
    void panMovesEveryPointByTheSamePixels() {
        ViewTransform view = new ViewTransform();
        view.fit(0, 1, 0, 1, 100, 100, 0);
        double x = view.toScreenX(0.3);
        double y = view.toScreenY(0.8);
        view.pan(12.5, -7);
        assertEquals(x + 12.5, view.toScreenX(0.3), 1e-12);
        assertEquals(y - 7, view.toScreenY(0.8), 1e-12);
    }

    @Test
    void zoomKeepsTheDataPointUnderTheCursorInPlace() {
        ViewTransform view = new ViewTransform();
        view.fit(0, 10, 0, 10, 500, 500, 0);
        double cursorX = 137;
        double cursorY = 311;
        double dataX = view.toDataX(cursorX);
        double dataY = view.toDataY(cursorY);
        view.zoomAround(cursorX, cursorY, 4);
        assertEquals(50 * 4, view.scale(), 1e-9);
        assertEquals(cursorX, view.toScreenX(dataX), 1e-9);
        assertEquals(cursorY, view.toScreenY(dataY), 1e-9);
        // Another point moves away from the cursor four times as far as before.
        assertEquals(cursorX + 4 * (view.toScreenX(0) - cursorX) / 4, view.toScreenX(0), 1e-9);
        double before = 50 * (0 - dataX);
        assertEquals(cursorX + 4 * before, view.toScreenX(0), 1e-9);
    }

    @Test
    void zoomStaysWithinItsLimitsOfTheFittedScale() {
        ViewTransform view = new ViewTransform();
        view.fit(0, 1, 0, 1, 100, 100, 0);
        view.zoomAround(50, 50, 1e9);
        assertEquals(100 * ViewTransform.MAX_ZOOM_IN, view.scale(), 1e-6);
        view.zoomAround(50, 50, 1e-12);
        assertEquals(100 / ViewTransform.MAX_ZOOM_OUT, view.scale(), 1e-9);
    }
}
