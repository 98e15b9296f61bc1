package org.dmlworkbench.projection;

import java.util.Objects;

/**
 * A 2-D map of some of the input rows. Point {@code k} of the map is input row
 * {@code sourceIndices[k]}; when the projector sampled, fewer rows than the input had are shown,
 * and {@link #notes()} says so. Arrays are shared, not copied: treat them as read-only. Equality is
 * identity of the arrays (a record of arrays), so compare maps with {@link #sameCoordinates}.
 *
 * @param x horizontal map coordinates
 * @param y vertical map coordinates
 * @param sourceIndices increasing input row indices, one per map point
 * @param method what made the map, e.g. "PCA" or "t-SNE (Barnes-Hut)"
 * @param notes a sentence or two the UI shows under the map (sampling, PCA reduction, settings)
 * @param klDivergence the t-SNE cost the optimiser ended with, in nats, against its own input
 *        affinities, or NaN when there is none (PCA, identity; Smile before its exaggeration
 *        ended). The Barnes-Hut t-SNE sums it over its sparse affinities with a Barnes-Hut
 *        normaliser; Smile's affinities differ from the usual ones (see {@link
 *        ExactTsneProjector}). To compare maps, measure them with {@link ProjectionQuality}.
 * @param elapsedMillis wall-clock time the projector took
 * @param leftOut increasing input rows the projector was given but could not place (UMAP keeps
 *        only the largest connected part of its neighbour graph); empty for the others. Rows a
 *        projector did not sample are not listed here: {@link #notes()} speaks of those.
 */
public record Projection(float[] x, float[] y, int[] sourceIndices, String method, String notes,
                         double klDivergence, long elapsedMillis, int[] leftOut) {

    /** A map that placed every row it was given. */
    public Projection(float[] x, float[] y, int[] sourceIndices, String method, String notes,
                      double klDivergence, long elapsedMillis) {
        this(x, y, sourceIndices, method, notes, klDivergence, elapsedMillis, new int[0]);
    }

    public Projection {
        Objects.requireNonNull(leftOut, "leftOut");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(sourceIndices, "sourceIndices");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(notes, "notes");
        if (x.length != y.length || x.length != sourceIndices.length) {
            throw new IllegalArgumentException("a projection needs as many x (" + x.length
                    + ") as y (" + y.length + ") coordinates and source indices ("
                    + sourceIndices.length + ")");
        }
    }

    /** Builds a map from interleaved coordinates {@code x0, y0, x1, y1, ...}. */
    static Projection fromInterleaved(double[] xy, int[] sourceIndices, String method,
                                      String notes, double klDivergence, long elapsedMillis) {
        int n = sourceIndices.length;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) xy[2 * i];
            y[i] = (float) xy[2 * i + 1];
        }
        return new Projection(x, y, sourceIndices, method, notes, klDivergence, elapsedMillis);
    }

    /** Number of points shown. */
    public int size() {
        return x.length;
    }

    public boolean hasKlDivergence() {
        return !Double.isNaN(klDivergence);
    }

    /** The coordinates as {@code size()} rows of {x, y}. */
    public double[][] coordinates() {
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new double[] {x[i], y[i]};
        }
        return rows;
    }

    /** Whether the two maps place the same source rows at bit-identical coordinates. */
    public boolean sameCoordinates(Projection other) {
        return java.util.Arrays.equals(x, other.x) && java.util.Arrays.equals(y, other.y)
                && java.util.Arrays.equals(sourceIndices, other.sourceIndices);
    }
}
