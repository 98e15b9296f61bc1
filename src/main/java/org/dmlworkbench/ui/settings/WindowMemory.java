package org.dmlworkbench.ui.settings;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Puts the window where it was last closed, if that place is still on a screen, and records it. */
public final class WindowMemory {

    /** A window must show at least this much of itself on a screen to be put back there. */
    private static final double VISIBLE = 80;

    private WindowMemory() {}

    /** Applies the remembered bounds before the stage shows; the scene's size otherwise. */
    public static void restore(Stage stage, WorkbenchSettings settings) {
        if (!settings.hasWindowBounds()) {
            return;
        }
        // A screen unplugged since (a laptop away from its monitor) would put the window out of
        // reach: only bounds that overlap a screen now are used.
        Rectangle2D remembered = new Rectangle2D(settings.windowX, settings.windowY,
                settings.windowWidth, settings.windowHeight);
        boolean reachable = Screen.getScreens().stream().anyMatch(screen -> {
            Rectangle2D area = screen.getVisualBounds();
            double w = Math.min(area.getMaxX(), remembered.getMaxX()) - Math.max(area.getMinX(), remembered.getMinX());
            double h = Math.min(area.getMaxY(), remembered.getMaxY()) - Math.max(area.getMinY(), remembered.getMinY());
            return w >= VISIBLE && h >= VISIBLE;
        });
        if (reachable) {
            stage.setX(settings.windowX);
            stage.setY(settings.windowY);
            stage.setWidth(settings.windowWidth);
            stage.setHeight(settings.windowHeight);
        }
        stage.setMaximized(settings.maximized);
    }

    /** Records the window's bounds (its normal ones when maximised: those are what to restore). */
    public static void record(Stage stage, WorkbenchSettings settings) {
        settings.maximized = stage.isMaximized();
        if (!stage.isMaximized() && stage.getWidth() > 0 && stage.getHeight() > 0) {
            settings.windowX = stage.getX();
            settings.windowY = stage.getY();
            settings.windowWidth = stage.getWidth();
            settings.windowHeight = stage.getHeight();
        }
    }
}
