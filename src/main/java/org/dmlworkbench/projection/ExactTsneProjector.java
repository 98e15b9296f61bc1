package org.dmlworkbench.projection;

import java.util.Locale;
import java.util.stream.IntStream;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.neighbours.SquaredDistance;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import smile.manifold.TSNE;
import smile.math.MathEx;

/**
 * Smile's exact t-SNE, run in chunks of iterations so that progress is reported and cancellation
 * polled between them. It is O(N^2) in time and memory (5,000 points: about 1.5 minutes and
 * 900 MB), so inputs above {@link TsneSettings#maxPoints()} (default 5,000) are sampled, seeded,
 * and the notes say so. Use it as the reference for {@link BarnesHutTsneProjector}.
 *
 * <p>Smile fixes early exaggeration (12, first 250 iterations) and momentum (0.5 then 0.8), the
 * same schedule as the Barnes-Hut projector. Its gradient keeps the factor 4, so it is given a
 * quarter of {@link TsneSettings#learningRateFor}: both projectors take the same steps.
 *
 * <p>Smile 3.1.1's bandwidth search compares {@code log2(sum) + beta * E[d]} (a base-2 term plus
 * a natural-log term) with {@code log2(perplexity)}, so its affinities are broader than the
 * perplexity asked for: on 2,000 clustered points, perplexity 30 gave joint rows of perplexity
 * about 145 where the usual calibration gives about 39. Its map is still a valid t-SNE map, but
 * its own cost is not comparable with other t-SNEs; {@link ProjectionQuality} measures all maps
 * against the same affinities.
 */
public final class ExactTsneProjector implements Projector {

    public static final String METHOD = "t-SNE (exact, Smile)";
    public static final int DEFAULT_MAX_POINTS = 5_000;
    /**
     * Iterations per call into Smile. Smile computes its O(N^2) cost at the end of every call that
     * is not a multiple of 100 iterations, so chunks of 25 cost about one extra iteration each.
     */
    static final int CHUNK = 25;

    private final TsneSettings settings;

    public ExactTsneProjector() {
        this(TsneSettings.defaults(DEFAULT_MAX_POINTS));
    }

    public ExactTsneProjector(TsneSettings settings) {
        this.settings = settings;
    }

    public TsneSettings settings() {
        return settings;
    }

    @Override
    public Projection project(Embeddings points, ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        cancel.throwIfCancelled();
        progress.update("t-SNE: preparing", 0, 1, "steps");
        TsneInput input = TsneInput.prepare(points, settings);
        progress.update("t-SNE: preparing", 1, 1, "steps");
        if (input.identical()) {
            return input.degenerateMap(METHOD, start);
        }
        int n = input.count();
        double perplexity = settings.perplexityFor(n);
        double learningRate = settings.learningRateFor(n);
        // Smile treats a square input as a distance matrix; handing it the squared distances
        // always avoids mistaking N points of N dimensions for one.
        double[][] squaredDistances = squaredDistances(input);
        cancel.throwIfCancelled();
        progress.update("t-SNE: input affinities", 0, 1, "steps");
        // Smile draws its initial map from this thread's generator (which this re-seeds).
        MathEx.setSeed(settings.seed());
        TSNE tsne = new TSNE(squaredDistances, 2, perplexity, learningRate / 4, 0);
        squaredDistances = null;
        progress.update("t-SNE: input affinities", 1, 1, "steps");
        int iterations = settings.iterations();
        for (int done = 0; done < iterations; ) {
            cancel.throwIfCancelled();
            int chunk = Math.min(CHUNK, iterations - done);
            tsne.update(chunk);
            done += chunk;
            progress.update("t-SNE iterations", done, iterations, "iterations");
        }
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = tsne.coordinates[i][0];
            xy[2 * i + 1] = tsne.coordinates[i][1];
        }
        // Smile reports its cost in bits, and until its exaggeration ends, the cost of 12 P.
        double kl = iterations > TsneSettings.EXAGGERATION_ITERATIONS
                ? tsne.cost() * Math.log(2) : Double.NaN;
        String notes = String.format(Locale.ROOT,
                "t-SNE (exact, Smile; perplexity %s, %,d iterations, learning rate %.0f, seed %d) %s",
                BarnesHutTsneProjector.number(perplexity), iterations, learningRate,
                settings.seed(), input.description());
        return Projection.fromInterleaved(xy, input.sourceIndices(), METHOD, notes, kl,
                TsneInput.elapsedMillis(start));
    }

    private static double[][] squaredDistances(TsneInput input) {
        int n = input.count();
        int dim = input.dim();
        double[] data = input.data();
        double[][] distances = new double[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                distances[i][j] = SquaredDistance.exact(data, i * dim, j * dim, dim);
            }
        });
        return distances;
    }

    @Override
    public String name() {
        return METHOD;
    }
}
