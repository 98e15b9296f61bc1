package org.dmlworkbench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.dmlworkbench.evaluation.TopKSelector;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.store.StoreVectors;

/**
 * Exact nearest neighbours over a store on disk: every row is scored (in blocks copied from the
 * memory-mapped file, blocks spread over the cores) and the k best are picked exactly, ties to
 * the lower row, as {@link GalleryIndex} does. The reference the approximate index is measured
 * against, and the search used below {@link GallerySearch#APPROXIMATE_FROM} items.
 */
public final class StoreExactSearch implements VectorSearch {

    /** Rows copied and scored together (256 KiB of 128-d floats: stays in the cache). */
    private static final int BLOCK_ROWS = 512;
    /** Queries scored together in one pass over the rows. */
    private static final int QUERY_TILE = 8;

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

    /** The k nearest of each query; a pass over the rows serves {@value #QUERY_TILE} queries. */
    public List<List<Neighbor>> search(float[][] queries, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int dim = vectors.dim();
        for (int q = 0; q < queries.length; q++) {
            HnswIndex.checkQuery(queries[q], dim, q);
        }
        List<List<Neighbor>> results = new ArrayList<>(queries.length);
        TopKSelector selector = new TopKSelector();
        for (int from = 0; from < queries.length; from += QUERY_TILE) {
            int to = Math.min(queries.length, from + QUERY_TILE);
            float[][] scores = scoreTile(queries, from, to);
            for (int q = from; q < to; q++) {
                results.add(neighbours(queries[q], scores[q - from], k, selector));
            }
        }
        return results;
    }

    /** Squared distances of queries [from, to) to every row, computed block-parallel. */
    private float[][] scoreTile(float[][] queries, int from, int to) {
        int count = vectors.count();
        int dim = vectors.dim();
        float[][] scores = new float[to - from][count];
        int blocks = (count + BLOCK_ROWS - 1) / BLOCK_ROWS;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int first = block * BLOCK_ROWS;
            int n = Math.min(BLOCK_ROWS, count - first);
            float[] rows = new float[n * dim];
            vectors.rows(first, n, rows, 0);
            for (int r = 0; r < n; r++) {
                for (int q = from; q < to; q++) {
                    scores[q - from][first + r] = GalleryIndex.squaredDistance(queries[q], 0, rows,
                            r * dim, dim);
                }
            }
        });
        return scores;
    }

    private List<Neighbor> neighbours(float[] query, float[] scores, int k, TopKSelector selector) {
        int[] nearest = new int[Math.min(k, scores.length)];
        int found = selector.select(scores, scores.length, k, -1, nearest);
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
