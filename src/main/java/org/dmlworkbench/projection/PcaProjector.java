package org.dmlworkbench.projection;

import java.util.Locale;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/** The first two principal components (Smile's PCA): fast, linear, keeps global structure. */
public final class PcaProjector implements Projector {

    public static final String METHOD = "PCA";

    @Override
    public Projection project(Embeddings points, ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        cancel.throwIfCancelled();
        progress.update(METHOD, 0, 1, "steps");
        int n = points.count();
        PrincipalComponents.Result pca = PrincipalComponents.project(points.toDoubleRows(), 2);
        cancel.throwIfCancelled();
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = pca.coordinates()[i][0];
            xy[2 * i + 1] = pca.coordinates()[i][1];
        }
        progress.update(METHOD, 1, 1, "steps");
        return Projection.fromInterleaved(xy, SeededSample.all(n), METHOD,
                notes(n, points.dim(), pca), Double.NaN, TsneInput.elapsedMillis(start));
    }

    private static String notes(int n, int dim, PrincipalComponents.Result pca) {
        String points = String.format(Locale.ROOT, "%,d points in %d dims", n, dim);
        if (pca.constant()) {
            return "PCA of " + points + ": " + (n <= 1 ? "a single point" : "all points are identical")
                    + ", so every point is at the origin.";
        }
        String text = String.format(Locale.ROOT,
                "PCA of %s: the first two principal components (%.0f%% and %.0f%% of the variance).",
                points, 100 * pca.varianceShare()[0], 100 * pca.varianceShare()[1]);
        if (dim == 1) {
            text += " The embedding has one dimension, so the vertical axis is 0.";
        }
        return text;
    }

    @Override
    public String name() {
        return METHOD;
    }
}
