package org.dmlworkbench.projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.dmlworkbench.neighbours.SquaredDistance;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * k nearest neighbours for large maps, approximately: Lucene's HNSW graph is built over the
 * points in memory (one thread, fixed seed: the same input gives the same graph), then every
 * point is searched for with {@code max(k + 1, 2k)} candidates in parallel, and the candidates
 * are ranked by their exact squared distance (ties to the lower index), as
 * {@link NearestNeighbours#exact} ranks. Exact search costs N^2 distances (about 4 minutes for
 * 100,000 points on two cores); this costs about N log N. t-SNE needs only the neighbourhoods,
 * not every last neighbour: what the approximation costs the map is measured by the projection
 * benchmark (share of neighbours kept).
 */
final class ApproximateNeighbours {

    static final int MAX_CONN = 16;
    static final int BEAM_WIDTH = 100;
    static final long SEED = 42;
    private static final int ROWS_PER_STEP = 1024;

    private ApproximateNeighbours() {}

    static NearestNeighbours find(double[] data, int count, int dim, int k, String task,
                                  ProgressListener progress, Cancellation cancel) {
        if (k < 0 || k > count - 1) {
            throw new IllegalArgumentException("cannot find " + k + " neighbours among "
                    + count + " points");
        }
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] row = new float[dim];
            for (int d = 0; d < dim; d++) {
                row[d] = (float) data[i * dim + d];
            }
            vectors.add(row);
        }
        try {
            RandomAccessVectorValues.Floats values = RandomAccessVectorValues.fromFloats(vectors, dim);
            DefaultFlatVectorScorer scorer = DefaultFlatVectorScorer.INSTANCE;
            RandomVectorScorerSupplier supplier = scorer.getRandomVectorScorerSupplier(
                    VectorSimilarityFunction.EUCLIDEAN, values);
            HnswGraphBuilder builder = HnswGraphBuilder.create(supplier, MAX_CONN, BEAM_WIDTH,
                    SEED, count);
            for (int from = 0; from < count; from += ROWS_PER_STEP) {
                cancel.throwIfCancelled();
                int to = Math.min(count, from + ROWS_PER_STEP);
                for (int node = from; node < to; node++) {
                    builder.addGraphNode(node);
                }
                progress.update(task + " (graph)", to, count, "points");
            }
            OnHeapHnswGraph graph = builder.getCompletedGraph();
            int candidates = Math.min(count, Math.max(k + 1, 2 * k));
            int[] indices = new int[count * k];
            double[] distances = new double[count * k];
            for (int from = 0; from < count; from += ROWS_PER_STEP) {
                cancel.throwIfCancelled();
                int to = Math.min(count, from + ROWS_PER_STEP);
                IntStream.range(from, to).parallel().forEach(i -> {
                    try {
                        RandomVectorScorer query = scorer.getRandomVectorScorer(
                                VectorSimilarityFunction.EUCLIDEAN, values.copy(), vectors.get(i));
                        KnnCollector found = HnswGraphSearcher.search(query, candidates, graph,
                                null, Integer.MAX_VALUE);
                        keepNearest(data, dim, i, k, found.topDocs().scoreDocs, indices, distances);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                progress.update(task, to, count, "points");
            }
            return new NearestNeighbours(count, k, indices, distances);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The k nearest candidates other than {@code i}, by exact distance then index. */
    private static void keepNearest(double[] data, int dim, int i, int k, ScoreDoc[] hits,
                                    int[] indices, double[] distances) {
        int n = 0;
        int[] cand = new int[hits.length];
        double[] dist = new double[hits.length];
        for (ScoreDoc hit : hits) {
            if (hit.doc != i) {
                cand[n] = hit.doc;
                dist[n] = SquaredDistance.exact(data, i * dim, hit.doc * dim, dim);
                n++;
            }
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> dist[a] != dist[b] ? Double.compare(dist[a], dist[b])
                : Integer.compare(cand[a], cand[b]));
        if (n < k) {
            throw new IllegalStateException("the HNSW graph gave " + n + " neighbours of point " + i
                    + ", fewer than " + k);
        }
        for (int j = 0; j < k; j++) {
            indices[i * k + j] = cand[order[j]];
            distances[i * k + j] = dist[order[j]];
        }
    }
}
