package org.dmlworkbench.projection;

import java.util.Locale;
import org.dmlworkbench.model.Embeddings;

/**
 * The rows a t-SNE actually sees: a seeded sample when the input is larger than the projector's
 * limit, reduced by PCA when it has more dimensions than the settings keep.
 *
 * @param data row-major {@code count x dim} values
 * @param sourceIndices input row of each prepared row
 * @param description what was done, for the map's notes, e.g. "after PCA from 128 to 50 dims"
 * @param identical true when all rows are equal (t-SNE is undefined: the map is all zeros)
 */
record TsneInput(double[] data, int count, int dim, int[] sourceIndices, String description,
                 boolean identical) {

    static TsneInput prepare(Embeddings points, TsneSettings settings) {
        int total = points.count();
        int[] source = SeededSample.indices(total, settings.maxPoints(), settings.seed());
        Embeddings chosen = source.length < total ? points.select(source) : points;
        double[][] rows = chosen.toDoubleRows();
        int dim = points.dim();
        StringBuilder description = new StringBuilder();
        description.append(String.format(Locale.ROOT, "on %,d points", source.length));
        boolean identical = PrincipalComponents.allRowsEqual(rows);
        if (settings.pcaDimensions() > 0 && dim > settings.pcaDimensions() && !identical) {
            PrincipalComponents.Result pca = PrincipalComponents.project(rows,
                    settings.pcaDimensions());
            rows = pca.coordinates();
            description.append(String.format(Locale.ROOT,
                    " after PCA from %d to %d dims (keeping %.0f%% of the variance)", dim,
                    settings.pcaDimensions(), 100 * pca.keptVarianceShare()));
            dim = settings.pcaDimensions();
        } else {
            description.append(String.format(Locale.ROOT, " in %d dims", dim));
        }
        description.append('.');
        if (source.length < total) {
            description.append(String.format(Locale.ROOT,
                    " Sampled %,d of %,d points (seed %d).", source.length, total,
                    settings.seed()));
        }
        double[] data = new double[source.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * dim, dim);
        }
        return new TsneInput(data, source.length, dim, source, description.toString(), identical);
    }

    /** The map for inputs t-SNE cannot spread: every point at the origin. */
    Projection degenerateMap(String method, long startNanos) {
        String why = count <= 1 ? "a single point" : "all points are identical";
        return Projection.fromInterleaved(new double[2 * count], sourceIndices, method,
                method + " " + description + " Nothing to spread: " + why
                        + ", so every point is at the origin.",
                Double.NaN, elapsedMillis(startNanos));
    }

    static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
