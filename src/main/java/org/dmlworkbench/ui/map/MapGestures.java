package org.dmlworkbench.ui.map;

import java.util.Arrays;
import javafx.scene.Cursor;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;

/**
 * Mouse gestures of a {@link ScatterCanvas}: drag pans, shift-drag spans a selection rectangle,
 * alt-drag (or lasso mode) draws a lasso, a click picks a point, a double click on empty space
 * fits, the wheel zooms around the cursor, moving hovers.
 */
final class MapGestures {

    private enum Mode { NONE, PAN, RECTANGLE, LASSO }

    private static final double CLICK_SLOP = 4;

    private final ScatterCanvas canvas;
    private Mode mode = Mode.NONE;
    private double startX;
    private double startY;
    private double lastX;
    private double lastY;
    private boolean moved;
    private double[] lassoX = new double[64];
    private double[] lassoY = new double[64];
    private int lassoSize;

    MapGestures(ScatterCanvas canvas) {
        this.canvas = canvas;
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED,
                e -> canvas.hover(canvas.pointAt(e.getX(), e.getY()), e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> canvas.hover(-1, 0, 0));
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            canvas.wheel(e.getX(), e.getY(), e.getDeltaY());
            e.consume();
        });
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        startX = lastX = e.getX();
        startY = lastY = e.getY();
        moved = false;
        canvas.hover(-1, 0, 0);
        if (e.isShiftDown()) {
            mode = Mode.RECTANGLE;
        } else if (e.isAltDown() || canvas.lassoModeProperty().get()) {
            mode = Mode.LASSO;
            lassoSize = 0;
            addLassoPoint(e.getX(), e.getY());
        } else {
            mode = Mode.PAN;
        }
        canvas.setCursor(mode == Mode.PAN ? Cursor.CLOSED_HAND : Cursor.CROSSHAIR);
    }

    private void dragged(MouseEvent e) {
        if (mode == Mode.NONE) {
            return;
        }
        moved |= Math.hypot(e.getX() - startX, e.getY() - startY) > CLICK_SLOP;
        switch (mode) {
            case PAN -> canvas.pan(e.getX() - lastX, e.getY() - lastY);
            case LASSO -> {
                addLassoPoint(e.getX(), e.getY());
                canvas.render();
            }
            default -> canvas.render();
        }
        lastX = e.getX();
        lastY = e.getY();
    }

    private void released(MouseEvent e) {
        if (mode == Mode.NONE || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Mode finished = mode;
        mode = Mode.NONE;
        canvas.setCursor(Cursor.DEFAULT);
        if (!moved) {
            int hit = canvas.pointAt(e.getX(), e.getY());
            canvas.selectedIndexProperty().set(hit);
            if (hit < 0 && e.getClickCount() == 2) {
                canvas.fit();
            }
            canvas.render();
            return;
        }
        switch (finished) {
            case RECTANGLE -> canvas.selectRectangle(startX, startY, e.getX(), e.getY());
            case LASSO -> canvas.selectPolygon(Arrays.copyOf(lassoX, lassoSize),
                    Arrays.copyOf(lassoY, lassoSize));
            default -> canvas.render();
        }
    }

    private void addLassoPoint(double px, double py) {
        if (lassoSize == lassoX.length) {
            lassoX = Arrays.copyOf(lassoX, lassoSize * 2);
            lassoY = Arrays.copyOf(lassoY, lassoSize * 2);
        }
        lassoX[lassoSize] = px;
        lassoY[lassoSize] = py;
        lassoSize++;
    }

    /** The rectangle or lasso being drawn, in canvas coordinates. */
    void drawShape(GraphicsContext g, boolean dark) {
        if (mode != Mode.RECTANGLE && mode != Mode.LASSO || !moved) {
            return;
        }
        double left = canvas.snappedLeftInset();
        double top = canvas.snappedTopInset();
        Color stroke = dark ? Color.web("#5b9bff") : Color.web("#2f6fde");
        g.setStroke(stroke);
        g.setFill(stroke.deriveColor(0, 1, 1, 0.12));
        g.setLineWidth(1.5);
        g.setLineDashes(6, 4);
        if (mode == Mode.RECTANGLE) {
            double x0 = Math.min(startX, lastX) - left;
            double y0 = Math.min(startY, lastY) - top;
            double w = Math.abs(lastX - startX);
            double h = Math.abs(lastY - startY);
            g.fillRect(x0, y0, w, h);
            g.strokeRect(x0, y0, w, h);
        } else {
            double[] px = new double[lassoSize];
            double[] py = new double[lassoSize];
            for (int i = 0; i < lassoSize; i++) {
                px[i] = lassoX[i] - left;
                py[i] = lassoY[i] - top;
            }
            g.fillPolygon(px, py, lassoSize);
            g.strokePolygon(px, py, lassoSize);
        }
        g.setLineDashes();
    }
}
