package org.dmlworkbench.projection;

/**
 * Settings shared by the t-SNE projectors.
 *
 * <p>The learning rate follows the convention of bhtsne, FIt-SNE and openTSNE, whose gradient
 * leaves out the constant factor 4 of the exact t-SNE gradient; "auto" (any value &lt;= 0) means
 * {@code max(200, N / 12)} (Belkina et al. 2019: N over the early exaggeration). Smile's exact
 * t-SNE keeps the factor 4, so {@link ExactTsneProjector} hands it a quarter of this rate and both
 * projectors take the same steps.
 *
 * @param perplexity effective number of neighbours per point (lowered to (N - 1) / 3 on tiny sets)
 * @param iterations gradient steps; the first 250 use early exaggeration 12 and momentum 0.5
 * @param seed seeds the sample and the initial map: the same seed gives the same map
 * @param maxPoints above this many rows, a seeded sample of this size is mapped
 * @param pcaDimensions inputs with more dimensions are reduced to this many by PCA first;
 *        0 keeps all dimensions
 * @param learningRate step size, or &lt;= 0 for {@code max(200, N / 12)}
 */
public record TsneSettings(double perplexity, int iterations, long seed, int maxPoints,
                           int pcaDimensions, double learningRate) {

    public static final double DEFAULT_PERPLEXITY = 30;
    public static final int DEFAULT_ITERATIONS = 1000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_PCA_DIMENSIONS = 50;
    /** Iterations with early exaggeration and the lower momentum (fixed inside Smile's TSNE). */
    public static final int EXAGGERATION_ITERATIONS = 250;
    public static final double EARLY_EXAGGERATION = 12;

    public TsneSettings {
        if (!(perplexity > 0) || Double.isInfinite(perplexity)) {
            throw new IllegalArgumentException("t-SNE perplexity must be a positive number, got "
                    + perplexity);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("t-SNE needs at least 1 iteration, got "
                    + iterations);
        }
        if (maxPoints < 2) {
            throw new IllegalArgumentException("t-SNE maxPoints must be at least 2, got "
                    + maxPoints);
        }
        if (pcaDimensions == 1 || pcaDimensions < 0) {
            throw new IllegalArgumentException("pcaDimensions must be 0 (no PCA) or at least 2, got "
                    + pcaDimensions);
        }
        if (Double.isNaN(learningRate) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite (<= 0 for auto), got "
                    + learningRate);
        }
    }

    /** Perplexity 30, 1,000 iterations, seed 42, PCA to 50 dims, auto learning rate. */
    public static TsneSettings defaults(int maxPoints) {
        return new TsneSettings(DEFAULT_PERPLEXITY, DEFAULT_ITERATIONS, DEFAULT_SEED, maxPoints,
                DEFAULT_PCA_DIMENSIONS, 0);
    }

    public TsneSettings withPerplexity(double value) {
        return new TsneSettings(value, iterations, seed, maxPoints, pcaDimensions, learningRate);
    }

    public TsneSettings withIterations(int value) {
        return new TsneSettings(perplexity, value, seed, maxPoints, pcaDimensions, learningRate);
    }

    public TsneSettings withSeed(long value) {
        return new TsneSettings(perplexity, iterations, value, maxPoints, pcaDimensions, learningRate);
    }

    public TsneSettings withMaxPoints(int value) {
        return new TsneSettings(perplexity, iterations, seed, value, pcaDimensions, learningRate);
    }

    public TsneSettings withPcaDimensions(int value) {
        return new TsneSettings(perplexity, iterations, seed, maxPoints, value, learningRate);
    }

    public TsneSettings withLearningRate(double value) {
        return new TsneSettings(perplexity, iterations, seed, maxPoints, pcaDimensions, value);
    }

    /** The learning rate for {@code n} points (without the gradient's factor 4). */
    public double learningRateFor(int n) {
        return learningRate > 0 ? learningRate : Math.max(200.0, n / EARLY_EXAGGERATION);
    }

    /** The perplexity used for {@code n} points: at most (n - 1) / 3, so 3 * perplexity neighbours exist. */
    public double perplexityFor(int n) {
        return perplexityFor(perplexity, n);
    }

    static double perplexityFor(double perplexity, int n) {
        return Math.max(1.0, Math.min(perplexity, (n - 1) / 3.0));
    }
}
