package org.dmlworkbench.projection;

import java.util.Locale;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/** Shows a 2-D embedding as it is: the model's own coordinates. */
public final class IdentityProjector implements Projector {

    public static final String METHOD = "Model coordinates";

    @Override
    public Projection project(Embeddings points, ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        if (points.dim() != 2) {
            throw new IllegalArgumentException("the model's own coordinates can only be shown for "
                    + "2-D embeddings, but these have " + points.dim()
                    + " dimensions: choose PCA or t-SNE for the map");
        }
        cancel.throwIfCancelled();
        int n = points.count();
        float[] data = points.data();
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = data[2 * i];
            y[i] = data[2 * i + 1];
        }
        progress.update(METHOD, 1, 1, "steps");
        return new Projection(x, y, SeededSample.all(n), METHOD,
                String.format(Locale.ROOT, "The model's own 2-D embedding of %,d points, as is.", n),
                Double.NaN, TsneInput.elapsedMillis(start));
    }

    @Override
    public String name() {
        return METHOD;
    }
}
