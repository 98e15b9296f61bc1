package org.dmlworkbench.projection;

import java.util.Locale;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * t-SNE in O(N log N) per iteration (van der Maaten 2014): PCA to 50 dims, nearest neighbours
 * (3 x perplexity per point; exact up to {@link #EXACT_NEIGHBOURS_UP_TO} points, from an HNSW
 * graph above, see {@link ApproximateNeighbours}) for sparse input affinities, and Barnes-Hut
 * repulsion over a quadtree. Maps 10,000 points in seconds where Smile's exact t-SNE needs
 * minutes, and 100,000 in about three; its cost is close to the exact one's (see
 * {@link ProjectionQuality} and {@link ProjectionBenchmark}).
 */
public final class BarnesHutTsneProjector implements Projector {

    public static final String METHOD = "t-SNE (Barnes-Hut)";
    static final String EXACT_METHOD = "t-SNE (exact, all pairs)";
    public static final double DEFAULT_THETA = 0.5;
    /**
     * Default sample limit of the map panel: 20,000 points take about 30 s on two cores, and the
     * panel's leave-one-out 1-NN check of the shown points grows as N^2. Larger maps (100,000
     * points in under 3 minutes, docs/BENCHMARKS.md) are asked for with settings of their own.
     */
    public static final int DEFAULT_MAX_POINTS = 20_000;
    /**
     * Largest input whose neighbours are found exactly: exact search grows as N^2 (about 5 s
     * for 20,000 points here), the HNSW graph as N log N.
     */
    public static final int EXACT_NEIGHBOURS_UP_TO = 20_000;

    private final TsneSettings settings;
    private final double theta;
    private final boolean allPairs;

    public BarnesHutTsneProjector() {
        this(TsneSettings.defaults(DEFAULT_MAX_POINTS), DEFAULT_THETA);
    }

    /**
     * @param theta Barnes-Hut accuracy: a cell is summarised when its side over its distance is
     *        below theta; 0 computes every pair exactly (O(N^2)), 0.5 is the usual trade-off
     */
    public BarnesHutTsneProjector(TsneSettings settings, double theta) {
        if (!(theta >= 0 && theta <= 1)) {
            throw new IllegalArgumentException("Barnes-Hut theta must be between 0 and 1, got "
                    + theta);
        }
        this.settings = settings;
        this.theta = theta;
        this.allPairs = false;
    }

    private BarnesHutTsneProjector(TsneSettings settings) {
        this.settings = settings;
        this.theta = 0;
        this.allPairs = true;
    }

    /**
     * The same optimiser made exact, O(N^2) in time and memory: input affinities over all pairs
     * and theta 0. A reference for measuring what the sparse affinities and Barnes-Hut cost,
     * since Smile's exact t-SNE calibrates its perplexity differently (see
     * {@link ExactTsneProjector}). For a few thousand points at most.
     */
    static BarnesHutTsneProjector exactReference(TsneSettings settings) {
        return new BarnesHutTsneProjector(settings);
    }

    public TsneSettings settings() {
        return settings;
    }

    public double theta() {
        return theta;
    }

    @Override
    public Projection project(Embeddings points, ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        cancel.throwIfCancelled();
        progress.update("t-SNE: preparing", 0, 1, "steps");
        TsneInput input = TsneInput.prepare(points, settings);
        progress.update("t-SNE: preparing", 1, 1, "steps");
        if (input.identical()) {
            return input.degenerateMap(name(), start);
        }
        int n = input.count();
        double perplexity = settings.perplexityFor(n);
        int k = allPairs ? n - 1 : Math.min(n - 1, (int) (3 * perplexity));
        boolean approximate = !allPairs && n > EXACT_NEIGHBOURS_UP_TO;
        NearestNeighbours knn = approximate
                ? ApproximateNeighbours.find(input.data(), n, input.dim(), k,
                        "t-SNE: nearest neighbours", progress, cancel)
                : NearestNeighbours.exact(input.data(), n, input.dim(), k,
                        "t-SNE: nearest neighbours", progress, cancel);
        cancel.throwIfCancelled();
        InputAffinities.SparseMatrix p = InputAffinities.fromNeighbours(knn, perplexity);
        double learningRate = settings.learningRateFor(n);
        BarnesHutOptimiser optimiser = new BarnesHutOptimiser(p, theta, learningRate,
                settings.seed());
        optimiser.run(settings.iterations(), "t-SNE iterations", progress, cancel);
        double kl = optimiser.klDivergence();
        String notes = String.format(Locale.ROOT,
                "%s, perplexity %s, %,d iterations, learning rate %.0f, seed %d) %s",
                allPairs ? "t-SNE (exact, all pairs" : "t-SNE (Barnes-Hut, theta " + number(theta)
                        + (approximate ? ", neighbours from an HNSW graph" : ""),
                number(perplexity), settings.iterations(), learningRate, settings.seed(),
                input.description());
        return Projection.fromInterleaved(optimiser.coordinates(), input.sourceIndices(), name(),
                notes, kl, TsneInput.elapsedMillis(start));
    }

    /** 30 for 30.0, 0.5 for 0.5, 6.33 for 19/3. */
    static String number(double value) {
        if (value == Math.rint(value)) {
            return String.valueOf((long) value);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", value))
                .stripTrailingZeros().toPlainString();
    }

    @Override
    public String name() {
        return allPairs ? EXACT_METHOD : METHOD;
    }
}
