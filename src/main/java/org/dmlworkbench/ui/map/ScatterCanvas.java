package org.dmlworkbench.ui.map;

import java.util.function.IntFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A scatter plot of many points on one Canvas (no node per point). Points are stamped into a
 * pixel buffer in colour batches; screen coordinates are computed once per view change, and a
 * {@link PointGrid} answers hover and selection. Drag pans, the wheel zooms around the cursor,
 * shift-drag selects a rectangle, alt-drag (or {@link #lassoModeProperty()}) draws a lasso, a
 * click selects one point, a double click on empty space fits the view.
 */
public final class ScatterCanvas extends Region {

    private static final double MARGIN = 24;
    private static final double ZOOM_PER_WHEEL_PIXEL = 1.0025;

    private final Canvas canvas = new Canvas();
    private final HoverTip hoverTip = new HoverTip();
    private final ViewTransform view = new ViewTransform();
    private final PointRaster raster = new PointRaster();
    private final MapGestures gestures;
    private WritableImage image;
    private float[] x = new float[0];
    private float[] y = new float[0];
    private int[] colourOf = new int[0];
    private Color[] palette = new Color[0];
    private int[] drawOrder = new int[0];
    private int[] rank = new int[0];
    private float[] sx = new float[0];
    private float[] sy = new float[0];
    private PointGrid grid;
    private boolean fitted;
    /** The user panned or zoomed since the last fit: a resize then keeps their view. */
    private boolean moved;
    private PointSize pointSize = PointSize.INITIAL;
    private long lastRenderNanos;

    private final ReadOnlyIntegerWrapper hoveredIndex = new ReadOnlyIntegerWrapper(-1);
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(-1);
    private final ReadOnlyObjectWrapper<int[]> selection = new ReadOnlyObjectWrapper<>(new int[0]);
    private final ObjectProperty<int[]> highlighted = new SimpleObjectProperty<>(new int[0]);
    private final BooleanProperty lassoMode = new SimpleBooleanProperty(false);
    private final BooleanProperty darkBackground = new SimpleBooleanProperty(false);
    private final StringProperty placeholder = new SimpleStringProperty("");

    public ScatterCanvas() {
        getStyleClass().add("scatter-canvas");
        getChildren().addAll(canvas, hoverTip.pane());
        setMinSize(120, 120);
        setPrefSize(640, 480);
        gestures = new MapGestures(this);
        selectedIndex.addListener((obs, old, now) -> render());
        highlighted.addListener((obs, old, now) -> render());
        darkBackground.addListener((obs, old, now) -> render());
        placeholder.addListener((obs, old, now) -> render());
    }

    /** Replaces the points and fits the view to them; colour -1 hides a point. */
    public void setPoints(float[] xs, float[] ys, int[] colours, Color[] colourPalette) {
        if (xs.length != ys.length || xs.length != colours.length) {
            throw new IllegalArgumentException("scatter needs as many x (" + xs.length + ") as y ("
                    + ys.length + ") and colours (" + colours.length + ")");
        }
        // Cleared first: each of these redraws at once, and must do so while the old points and
        // colours still agree (a map of fewer points, as UMAP's, broke the frame otherwise).
        selection.set(new int[0]);
        highlighted.set(new int[0]);
        selectedIndex.set(-1);
        hoveredIndex.set(-1);
        x = xs;
        y = ys;
        sx = new float[xs.length];
        sy = new float[xs.length];
        pointSize = PointSize.forCount(xs.length);
        fitted = false;
        setColours(colours, colourPalette);
        fit();
    }

    /** Recolours the points (same order and count) keeping the view. */
    public void setColours(int[] colours, Color[] colourPalette) {
        if (colours.length != x.length) {
            throw new IllegalArgumentException(colours.length + " colours for " + x.length + " points");
        }
        colourOf = colours;
        palette = colourPalette;
        // Counting sort by colour: each batch is drawn with one colour, later batches on top.
        ColourBatches batches = ColourBatches.of(colours, palette.length);
        drawOrder = batches.drawOrder();
        rank = batches.rank();
        grid = null;
        render();
    }

    public void clearPoints() {
        setPoints(new float[0], new float[0], new int[0], new Color[0]);
    }

    public int size() {
        return x.length;
    }

    /** Fits the view to all points. */
    public void fit() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0 || x.length == 0) {
            return;
        }
        view.fitPoints(x, y, w, h, MARGIN);
        fitted = true;
        moved = false;
        viewChanged();
    }

    public void pan(double dx, double dy) {
        moved = true;
        view.pan(dx, dy);
        viewChanged();
    }

    public void zoomAround(double screenX, double screenY, double factor) {
        moved = true;
        view.zoomAround(screenX, screenY, factor);
        viewChanged();
    }

    /** Zoom for a wheel movement of {@code deltaY} pixels (up zooms in). */
    void wheel(double screenX, double screenY, double deltaY) {
        zoomAround(screenX, screenY, Math.pow(ZOOM_PER_WHEEL_PIXEL, deltaY));
    }

    /** The live transform (read it; change the view through this class). */
    public ViewTransform view() {
        return view;
    }

    /** Where point {@code index} is drawn, in this node's coordinates. */
    public double screenX(int index) {
        return sx[index] + snappedLeftInset();
    }

    public double screenY(int index) {
        return sy[index] + snappedTopInset();
    }

    /** Radius (pixels) within which a point is hovered or clicked. */
    public double hitRadius() {
        return Math.max(6, pointSize.radius() + 3);
    }

    /** The shown point under (x, y) in this node's coordinates, or -1. */
    public int pointAt(double localX, double localY) {
        return grid().nearest(localX - snappedLeftInset(), localY - snappedTopInset(), hitRadius(),
                rank);
    }

    /** Selects the shown points inside the rectangle between two corners (node coordinates). */
    public int[] selectRectangle(double x0, double y0, double x1, double y1) {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        int[] inside = grid().inRectangle(x0 - left, y0 - top, x1 - left, y1 - top);
        selection.set(inside);
        render();
        return selection.get();
    }

    /** Selects the shown points inside a closed polygon (node coordinates). */
    public int[] selectPolygon(double[] xs, double[] ys) {
        double[] px = new double[xs.length];
        double[] py = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            px[i] = xs[i] - snappedLeftInset();
            py[i] = ys[i] - snappedTopInset();
        }
        selection.set(grid().inPolygon(px, py));
        render();
        return selection.get();
    }

    public void clearSelection() {
        selection.set(new int[0]);
        render();
    }

    public ReadOnlyIntegerProperty hoveredIndexProperty() {
        return hoveredIndex.getReadOnlyProperty();
    }

    /** The clicked point, or -1. */
    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    /** Points chosen by rectangle or lasso, in index order. */
    public ReadOnlyObjectProperty<int[]> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** Points ringed in the accent colour (e.g. the selected point's neighbours). */
    public ObjectProperty<int[]> highlightedProperty() {
        return highlighted;
    }

    /** When true, a plain drag draws a lasso instead of panning. */
    public BooleanProperty lassoModeProperty() {
        return lassoMode;
    }

    /** Dark theme: outlines and text are drawn light. */
    public BooleanProperty darkBackgroundProperty() {
        return darkBackground;
    }

    /** Text shown when there are no points (what to do to get some). */
    public StringProperty placeholderProperty() {
        return placeholder;
    }

    /** Builds the small overlay shown next to a hovered point (thumbnail and label). */
    public void setHoverNodeFactory(IntFunction<Node> factory) {
        hoverTip.setNodeFactory(factory);
    }

    /** Nanoseconds the last full redraw took. */
    public long lastRenderNanos() {
        return lastRenderNanos;
    }

    void hover(int index, double localX, double localY) {
        if (index != hoveredIndex.get()) {
            hoveredIndex.set(index);
            hoverTip.show(index);
        }
        hoverTip.placeNear(localX, localY, getWidth(), getHeight());
    }

    private PointGrid grid() {
        if (grid == null) {
            grid = new PointGrid(sx, sy, drawOrder, canvas.getWidth(), canvas.getHeight(),
                    hitRadius() * 2);
        }
        return grid;
    }

    private void viewChanged() {
        for (int i = 0; i < x.length; i++) {
            sx[i] = (float) view.toScreenX(x[i]);
            sy[i] = (float) view.toScreenY(y[i]);
        }
        grid = null;
        render();
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double w = Math.max(0, snapSizeX(getWidth()) - left - snappedRightInset());
        double h = Math.max(0, snapSizeY(getHeight()) - top - snappedBottomInset());
        hoverTip.pane().resizeRelocate(0, 0, getWidth(), getHeight());
        if (w == canvas.getWidth() && h == canvas.getHeight()) {
            return;
        }
        double oldW = canvas.getWidth();
        double oldH = canvas.getHeight();
        canvas.relocate(left, top);
        canvas.setWidth(w);
        canvas.setHeight(h);
        if (!fitted || !moved) {
            // A fitted view stays fitted: every point stays in sight as the window changes size.
            fit();
        } else {
            // The user's own view: keep its centre in the centre of the resized view.
            view.pan((w - oldW) / 2, (h - oldH) / 2);
        }
        viewChanged();
    }

    /** Redraws everything now; returns the time it took in nanoseconds. */
    public long render() {
        long start = System.nanoTime();
        GraphicsContext g = canvas.getGraphicsContext2D();
        int w = (int) canvas.getWidth();
        int h = (int) canvas.getHeight();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        if (x.length == 0) {
            PlaceholderText.draw(g, placeholder.get(), w, h, darkBackground.get());
            lastRenderNanos = System.nanoTime() - start;
            return lastRenderNanos;
        }
        raster.resize(w, h);
        raster.clear();
        for (int k = 0; k < drawOrder.length; ) {
            int colour = colourOf[drawOrder[k]];
            PointRaster.Sprite fill = PointRaster.Sprite.of(pointSize.disc(),
                    palette[colour].deriveColor(0, 1, 1, 0.85));
            for (; k < drawOrder.length && colourOf[drawOrder[k]] == colour; k++) {
                int i = drawOrder[k];
                raster.stamp(sx[i], sy[i], fill);
            }
        }
        Color outline = darkBackground.get() ? Color.web("#f1f3f5") : Color.web("#1d2430");
        PointRaster.Sprite outlineRing = PointRaster.Sprite.of(pointSize.ring(), outline);
        for (int i : selection.get()) {
            raster.stamp(sx[i], sy[i], outlineRing);
        }
        if (image == null || image.getWidth() != w || image.getHeight() != h) {
            image = new WritableImage(w, h);
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(),
                raster.pixels(), 0, w);
        g.drawImage(image, 0, 0);
        drawMarks(g, outline);
        gestures.drawShape(g, darkBackground.get());
        lastRenderNanos = System.nanoTime() - start;
        return lastRenderNanos;
    }

    /** Rings around the highlighted neighbours and the selected point (a handful of shapes). */
    private void drawMarks(GraphicsContext g, Color outline) {
        double r = pointSize.radius() + 3;
        g.setLineWidth(2);
        g.setStroke(darkBackground.get() ? Color.web("#ffd43b") : Color.web("#e8590c"));
        for (int i : highlighted.get()) {
            if (i >= 0 && i < sx.length) {
                g.strokeOval(sx[i] - r, sy[i] - r, 2 * r, 2 * r);
            }
        }
        int selected = selectedIndex.get();
        if (selected >= 0 && selected < sx.length) {
            double big = pointSize.radius() + 6;
            g.setLineWidth(2.5);
            g.setStroke(outline);
            g.strokeOval(sx[selected] - big, sy[selected] - big, 2 * big, 2 * big);
        }
    }
}
