package org.dmlworkbench.ui.map;

/**
 * How large a scatter plot draws its points: the dot's radius in pixels, with the masks of a dot
 * and of the ring around a selected one.
 */
record PointSize(double radius, PointRaster.Mask disc, PointRaster.Mask ring) {

    /** Before any points are set. */
    static final PointSize INITIAL = new PointSize(3, PointRaster.Mask.of(3, 0), PointRaster.Mask.of(5, 3.6));

    /** The size for a map of {@code n} points. */
    static PointSize forCount(int n) {
        // smaller dots for larger maps: they overlap anyway, and each costs its area per frame
        double radius = n <= 1_000 ? 3.5 : n <= 5_000 ? 2.75 : n <= 30_000 ? 2.25 : 1.6;
        return new PointSize(radius, PointRaster.Mask.of(radius, 0),
                PointRaster.Mask.of(radius + 2.2, radius + 0.9));
    }
}
