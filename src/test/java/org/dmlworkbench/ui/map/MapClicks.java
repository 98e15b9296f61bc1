package org.dmlworkbench.ui.map;

import static org.dmlworkbench.ui.data.PanelScenes.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;

import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import org.testfx.api.FxRobot;

/**
 * How the map tests point at a point of the canvas. The map re-fits once after the window's first
 * layout; a click or a move aimed before that lands beside the point (what failed now and then,
 * even with minutes of waiting), so the point's place is read again before each try.
 */
public final class MapClicks {

    private static final int TRIES = 5;

    private MapClicks() {}

    /** Clicks a point until the canvas selects it. */
    static void clickUntilSelected(FxRobot robot, ScatterCanvas canvas, int point) throws Exception {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            robot.clickOn(placeOf(canvas, point));
            try {
                waitUntil(20, () -> canvas.selectedIndexProperty().get() == point);
                return;
            } catch (TimeoutException missed) {
                // aimed at the old place: read it again and click once more
            }
        }
        throw new AssertionError("point " + point + " was not selected after " + TRIES + " clicks");
    }

    /**
     * Moves the mouse onto a point until the canvas hovers it. Each try first moves to the
     * canvas's corner: a mouse already resting on the point's new place (left there by a try or a
     * test before) sends no move event, and so no hover.
     */
    static void hoverUntilHovered(FxRobot robot, ScatterCanvas canvas, int point) throws Exception {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            robot.moveTo(onFx(() -> canvas.localToScreen(2, 2)));
            robot.moveTo(placeOf(canvas, point));
            try {
                waitUntil(20, () -> canvas.hoveredIndexProperty().get() == point);
                return;
            } catch (TimeoutException missed) {
                // aimed at the old place: read it again and move once more
            }
        }
        throw new AssertionError("point " + point + " was not hovered after " + TRIES + " moves");
    }

    /**
     * Waits until the canvas has kept its size and its view for half a second: the re-fit after
     * the first layout is done, so places read now stay true for a drag.
     */
    public static void awaitSettledView(ScatterCanvas canvas) throws Exception {
        double[] last = viewOf(canvas);
        long steadySince = System.nanoTime();
        long deadline = steadySince + 60_000_000_000L;
        while (System.nanoTime() - steadySince < 500_000_000L) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the map's view kept changing for a minute");
            }
            Thread.sleep(50);
            double[] now = viewOf(canvas);
            if (!java.util.Arrays.equals(now, last)) {
                last = now;
                steadySince = System.nanoTime();
            }
        }
    }

    private static double[] viewOf(ScatterCanvas canvas) throws Exception {
        return onFx(() -> canvas.size() == 0
                ? new double[] {canvas.getWidth(), canvas.getHeight()}
                : new double[] {canvas.getWidth(), canvas.getHeight(), canvas.screenX(0), canvas.screenY(0),
                        canvas.screenX(canvas.size() - 1), canvas.screenY(canvas.size() - 1)});
    }

    private static Point2D placeOf(ScatterCanvas canvas, int point) throws Exception {
        return onFx(() -> canvas.localToScreen(canvas.screenX(point), canvas.screenY(point)));
    }
}
