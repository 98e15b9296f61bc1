package org.dmlworkbench.search;

import java.util.List;

/**
 * Nearest-neighbour search over a gallery of embeddings (L2). Implementations: exact in memory
 * ({@link GalleryIndex}), exact over a store on disk ({@link StoreExactSearch}) and approximate
 * ({@link HnswIndex}). Every answer is nearest first and carries the exact distance, so answers
 * of different methods compare directly.
 */
public interface VectorSearch {

    int size();

    int dim();

    /** The k nearest items to {@code query}, nearest first (fewer when the gallery is smaller). */
    List<Neighbor> search(float[] query, int k);

    /** How this search answers, in words ("exact", "approximate (HNSW ...)"). */
    String method();

    /** True for exact search. */
    boolean exact();
}
