package org.dmlworkbench.search;

import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.neighbours.ExactKnn;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.store.StoreVectors;

/**
 * Exact nearest neighbours over a store on disk: every row is scored by the shared kernel
 * {@link ExactKnn} (in blocks copied from the memory-mapped file, blocks spread over the cores)
 * and the k best are picked exactly, ties to the lower row, as {@link GalleryIndex} does. The
 * reference the approximate index is measured against, and the search used below
 * {@link GallerySearch#APPROXIMATE_FROM} items.
 */
public final class StoreExactSearch implements VectorSearch {

    private final GalleryStore store;
    private final StoreVectors vectors;

    public StoreExactSearch(GalleryStore store) {
        this.store = store;
        this.vectors = store.vectors();
    }

    @Override
    public int size() {
        return vectors.count();
    }

    @Override
    public int dim() {
        return vectors.dim();
    }

    @Override
    public String method() {
        return "exact";
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public List<Neighbor> search(float[] query, int k) {
        return search(new float[][] {query}, k).get(0);
    }

    /** The k nearest of each query, by the shared kernel over the store's mapped rows. */
    public List<List<Neighbor>> search(float[][] queries, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int dim = vectors.dim();
        float[] rows = new float[queries.length * dim];
        for (int q = 0; q < queries.length; q++) {
            HnswIndex.checkQuery(queries[q], dim, q);
            System.arraycopy(queries[q], 0, rows, q * dim, dim);
        }
        return ExactKnn.over(vectors).collect(rows, queries.length, k,
                (query, nearest, found) -> neighbours(queries[query], nearest, found));
    }

    private List<Neighbor> neighbours(float[] query, int[] nearest, int found) {
        float[] scratch = new float[vectors.dim()];
        List<Neighbor> result = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            int row = nearest[i];
            result.add(new Neighbor(row, store.label(row),
                    Math.sqrt(vectors.squaredDistance(query, row, scratch)), store.source(row)));
        }
        return List.copyOf(result);
    }
}
