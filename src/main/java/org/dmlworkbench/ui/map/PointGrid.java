package org.dmlworkbench.ui.map;

import java.util.Arrays;

/**
 * A uniform grid over the points' screen positions, built once per view change, so hover and
 * selection look only at the few cells around the cursor or inside the shape instead of at
 * every point. Points off the screen are left out: one cannot hover or select what one cannot
 * see.
 */
public final class PointGrid {

    private final float[] sx;
    private final float[] sy;
    private final double cell;
    private final double width;
    private final double height;
    private final int columns;
    private final int rows;
    private final int[] cellStart;
    private final int[] items;

    /**
     * @param sx screen x of each point
     * @param sy screen y of each point
     * @param width view width in pixels
     * @param height view height in pixels
     * @param cell side of a grid cell in pixels (about the hover radius)
     */
    public PointGrid(float[] sx, float[] sy, double width, double height, double cell) {
        this(sx, sy, null, width, height, cell);
    }

    /**
     * @param members the points to index (e.g. only the visible ones), or null for all
     */
    public PointGrid(float[] sx, float[] sy, int[] members, double width, double height,
            double cell) {
        this.sx = sx;
        this.sy = sy;
        this.cell = cell;
        this.width = width;
        this.height = height;
        this.columns = Math.max(1, (int) Math.ceil(width / cell));
        this.rows = Math.max(1, (int) Math.ceil(height / cell));
        int[] cellOf = new int[sx.length];
        java.util.Arrays.fill(cellOf, -1);
        int[] counts = new int[columns * rows + 1];
        int n = members == null ? sx.length : members.length;
        for (int m = 0; m < n; m++) {
            int i = members == null ? m : members[m];
            int c = cellIndex(sx[i], sy[i]);
            cellOf[i] = c;
            if (c >= 0) {
                counts[c + 1]++;
            }
        }
        for (int c = 0; c < columns * rows; c++) {
            counts[c + 1] += counts[c];
        }
        cellStart = counts.clone();
        items = new int[counts[columns * rows]];
        int[] fill = Arrays.copyOf(counts, columns * rows);
        for (int i = 0; i < sx.length; i++) {
            if (cellOf[i] >= 0) {
                items[fill[cellOf[i]]++] = i;
            }
        }
    }

    private int cellIndex(double x, double y) {
        if (!(x >= 0 && y >= 0 && x < width && y < height)) {
            return -1;
        }
        int col = (int) (x / cell);
        int row = (int) (y / cell);
        return col < columns && row < rows ? row * columns + col : -1;
    }

    /** Number of points on the screen. */
    public int visibleCount() {
        return items.length;
    }

    /**
     * The point nearest (x, y) within {@code radius} pixels, or -1. Among equally near points the
     * one with the highest {@code rank} wins (the one drawn on top); rank may be null.
     */
    public int nearest(double x, double y, double radius, int[] rank) {
        int best = -1;
        double limit = radius * radius;
        double bestDistance = Double.POSITIVE_INFINITY;
        int c0 = clampColumn(x - radius);
        int c1 = clampColumn(x + radius);
        int r0 = clampRow(y - radius);
        int r1 = clampRow(y + radius);
        for (int row = r0; row <= r1; row++) {
            for (int col = c0; col <= c1; col++) {
                int c = row * columns + col;
                for (int k = cellStart[c]; k < cellStart[c + 1]; k++) {
                    int i = items[k];
                    double dx = sx[i] - x;
                    double dy = sy[i] - y;
                    double d = dx * dx + dy * dy;
                    if (d > limit) {
                        continue;
                    }
                    if (best < 0 || d < bestDistance
                            || d == bestDistance && rank != null && rank[i] > rank[best]) {
                        best = i;
                        bestDistance = d;
                    }
                }
            }
        }
        return best;
    }

    /** Points inside the rectangle spanned by two corners (edges included), in index order. */
    public int[] inRectangle(double x0, double y0, double x1, double y1) {
        double left = Math.min(x0, x1);
        double right = Math.max(x0, x1);
        double top = Math.min(y0, y1);
        double bottom = Math.max(y0, y1);
        IntList found = new IntList();
        for (int row = clampRow(top); row <= clampRow(bottom); row++) {
            for (int col = clampColumn(left); col <= clampColumn(right); col++) {
                int c = row * columns + col;
                for (int k = cellStart[c]; k < cellStart[c + 1]; k++) {
                    int i = items[k];
                    if (sx[i] >= left && sx[i] <= right && sy[i] >= top && sy[i] <= bottom) {
                        found.add(i);
                    }
                }
            }
        }
        return found.sorted();
    }

    /** Points inside the closed polygon (even-odd rule), in index order. */
    public int[] inPolygon(double[] px, double[] py) {
        if (px.length < 3) {
            return new int[0];
        }
        double left = Arrays.stream(px).min().orElse(0);
        double right = Arrays.stream(px).max().orElse(0);
        double top = Arrays.stream(py).min().orElse(0);
        double bottom = Arrays.stream(py).max().orElse(0);
        int[] box = inRectangle(left, top, right, bottom);
        IntList found = new IntList();
        for (int i : box) {
            if (contains(px, py, sx[i], sy[i])) {
                found.add(i);
            }
        }
        return found.sorted();
    }

    /** Even-odd ray casting: a horizontal ray from (x, y) crosses the outline an odd number of times. */
    static boolean contains(double[] px, double[] py, double x, double y) {
        boolean inside = false;
        for (int i = 0, j = px.length - 1; i < px.length; j = i++) {
            if ((py[i] > y) != (py[j] > y)
                    && x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i]) {
                inside = !inside;
            }
        }
        return inside;
    }

    private int clampColumn(double x) {
        return Math.max(0, Math.min(columns - 1, (int) Math.floor(x / cell)));
    }

    private int clampRow(double y) {
        return Math.max(0, Math.min(rows - 1, (int) Math.floor(y / cell)));
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] sorted() {
            int[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }
}
