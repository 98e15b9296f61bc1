package org.dmlworkbench.ui.map;

/**
 * Data to screen coordinates of the map: {@code screenX = offsetX + scale * x} and
 * {@code screenY = offsetY - scale * y} (up is up). Mutable; used on the JavaFX thread only.
 */
public final class ViewTransform {

    /** How far from the fitted view zooming may go, either way. */
    static final double MAX_ZOOM_OUT = 20;
    static final double MAX_ZOOM_IN = 2000;

    private double scale = 1;
    private double offsetX;
    private double offsetY;
    private double fittedScale = 1;

    public double scale() {
        return scale;
    }

    public double offsetX() {
        return offsetX;
    }

    public double offsetY() {
        return offsetY;
    }

    public double toScreenX(double x) {
        return offsetX + scale * x;
    }

    public double toScreenY(double y) {
        return offsetY - scale * y;
    }

    public double toDataX(double screenX) {
        return (screenX - offsetX) / scale;
    }

    public double toDataY(double screenY) {
        return (offsetY - screenY) / scale;
    }

    /**
     * Shows the box [minX, maxX] x [minY, maxY] centred in a width x height view with
     * {@code margin} pixels free on every side, equal scale on both axes. A box of zero extent
     * (one point, or all points equal) is shown at scale 1 around its centre.
     */
    public void fit(double minX, double maxX, double minY, double maxY, double width,
            double height, double margin) {
        double spanX = maxX - minX;
        double spanY = maxY - minY;
        double usableW = Math.max(1, width - 2 * margin);
        double usableH = Math.max(1, height - 2 * margin);
        double sx = spanX > 0 ? usableW / spanX : Double.POSITIVE_INFINITY;
        double sy = spanY > 0 ? usableH / spanY : Double.POSITIVE_INFINITY;
        scale = Math.min(sx, sy);
        if (Double.isInfinite(scale)) {
            scale = 1;
        }
        fittedScale = scale;
        offsetX = width / 2 - scale * (minX + maxX) / 2;
        offsetY = height / 2 + scale * (minY + maxY) / 2;
    }

    /** {@link #fit} of the box around the points (x[i], y[i]); there is at least one. */
    void fitPoints(float[] x, float[] y, double width, double height, double margin) {
        float minX = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        fit(minX, maxX, minY, maxY, width, height, margin);
    }

    /** Moves the map by (dx, dy) screen pixels. */
    public void pan(double dx, double dy) {
        offsetX += dx;
        offsetY += dy;
    }

    /**
     * Zooms by {@code factor} keeping the data point under (screenX, screenY) where it is; the
     * zoom stays within {@link #MAX_ZOOM_OUT} and {@link #MAX_ZOOM_IN} of the fitted scale.
     */
    public void zoomAround(double screenX, double screenY, double factor) {
        double target = Math.max(fittedScale / MAX_ZOOM_OUT,
                Math.min(fittedScale * MAX_ZOOM_IN, scale * factor));
        double dataX = toDataX(screenX);
        double dataY = toDataY(screenY);
        scale = target;
        offsetX = screenX - scale * dataX;
        offsetY = screenY + scale * dataY;
    }

    @Override
    public String toString() {
        return "ViewTransform[scale " + scale + ", offset " + offsetX + ", " + offsetY + "]";
    }
}
