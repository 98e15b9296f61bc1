package org.dmlworkbench.ui.map;

import static org.dmlworkbench.ui.data.PanelScenes.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;

import java.util.concurrent.TimeoutException;
import org.testfx.api.FxRobot;

/** How the map tests click a point of the canvas. */
final class MapClicks {

    private MapClicks() {}

    /**
     * Clicks a point until the canvas selects it. The map re-fits once after the window's first
     * layout; a click aimed before that lands beside the point (what failed now and then, even
     * with minutes of waiting), so the point's place is read again before each click.
     */
    static void clickUntilSelected(FxRobot robot, ScatterCanvas canvas, int point) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            robot.clickOn(onFx(() -> canvas.localToScreen(canvas.screenX(point), canvas.screenY(point))));
            try {
                waitUntil(20, () -> canvas.selectedIndexProperty().get() == point);
                return;
            } catch (TimeoutException missed) {
                // aimed at the old place: read it again and click once more
            }
        }
        throw new AssertionError("point " + point + " was not selected after 5 clicks");
    }
}
