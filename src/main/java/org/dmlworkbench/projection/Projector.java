package org.dmlworkbench.projection;

import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Maps embeddings to two dimensions for the embedding map. Implementations may take long (t-SNE):
 * callers run them off the UI thread, and they report progress and poll the cancellation.
 */
public interface Projector {

    /**
     * @param points the embeddings to map (not modified)
     * @param progress receives progress from the calling thread only
     * @param cancel polled between units of work
     * @return the map; it may show only a seeded sample of the points (see
     *         {@link Projection#sourceIndices()} and {@link Projection#notes()})
     * @throws CancelledException when {@code cancel} was cancelled
     * @throws IllegalArgumentException when this method cannot map these points (say why)
     */
    Projection project(Embeddings points, ProgressListener progress, Cancellation cancel);

    /** Short name for menus and reports, e.g. "PCA" or "t-SNE (Barnes-Hut)". */
    String name();
}
