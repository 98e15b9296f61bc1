package org.dmlworkbench.projection;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.neighbours.SquaredDistance;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * How faithful a 2-D map is to its input, measured against the original embeddings (not their PCA
 * reduction), so different projectors are judged on the same ground:
 * <ul>
 * <li>KL divergence: the t-SNE cost of the map with respect to exact dense input affinities at the
 * given perplexity, in nats (lower is better). O(N^2) time, O(N) memory; skipped (NaN) above
 * {@code maxKlPoints}.</li>
 * <li>Neighbourhood preservation: the mean share of each point's k nearest input neighbours that
 * are among its k nearest map neighbours (1 is perfect).</li>
 * <li>Trustworthiness (Venna and Kaski 2001): penalises map neighbours that are far in the input,
 * by how far down the input ranking they are (1 is perfect). O(N^2) time.</li>
 * </ul>
 */
public final class ProjectionQuality {

    public static final int DEFAULT_NEIGHBOURS = 10;
    public static final int DEFAULT_MAX_KL_POINTS = 5_000;
    private static final int ROWS_PER_STEP = 256;

    /**
     * @param points how many map points were measured
     * @param klDivergence nats, or NaN when skipped (too many points)
     */
    public record Report(int points, double klDivergence, double neighbourhoodPreservation,
                         double trustworthiness, int neighbours, double perplexity) {
    }

    private final double perplexity;
    private final int neighbours;
    private final int maxKlPoints;

    /** Perplexity 30, 10 neighbours, KL up to 5,000 points. */
    public ProjectionQuality() {
        this(TsneSettings.DEFAULT_PERPLEXITY, DEFAULT_NEIGHBOURS, DEFAULT_MAX_KL_POINTS);
    }

    public ProjectionQuality(double perplexity, int neighbours, int maxKlPoints) {
        if (!(perplexity > 0) || neighbours < 1) {
            throw new IllegalArgumentException("quality needs perplexity > 0 and neighbours >= 1, got "
                    + perplexity + " and " + neighbours);
        }
        this.perplexity = perplexity;
        this.neighbours = neighbours;
        this.maxKlPoints = maxKlPoints;
    }

    /** Measures {@code map} against the input rows it shows ({@link Projection#sourceIndices()}). */
    public Report evaluate(Embeddings input, Projection map, ProgressListener progress,
                           Cancellation cancel) {
        for (int row : map.sourceIndices()) {
            if (row < 0 || row >= input.count()) {
                throw new IllegalArgumentException("the map shows input row " + row
                        + " but the embeddings have " + input.count() + " rows: measure a map "
                        + "against the embeddings it was made from");
            }
        }
        boolean allRowsInOrder = map.size() == input.count()
                && java.util.Arrays.equals(map.sourceIndices(), SeededSample.all(map.size()));
        Embeddings shown = allRowsInOrder ? input : input.select(map.sourceIndices());
        int n = shown.count();
        int k = Math.min(neighbours, n - 1);
        double kl = n <= maxKlPoints ? klDivergence(shown, map.x(), map.y(), progress, cancel)
                : Double.NaN;
        if (n < 2) {
            return new Report(n, kl, 1, Double.NaN, k, perplexity);
        }
        double[] data = toDoubles(shown);
        NearestNeighbours inputKnn = NearestNeighbours.exact(data, n, shown.dim(), k,
                "quality: input neighbours", progress, cancel);
        NearestNeighbours mapKnn = NearestNeighbours.exact(interleave(map.x(), map.y()), n, 2, k,
                "quality: map neighbours", progress, cancel);
        double preservation = sharedShare(inputKnn, mapKnn);
        double trust = trustworthiness(data, shown.dim(), inputKnn, mapKnn, progress, cancel);
        return new Report(n, kl, preservation, trust, k, perplexity);
    }

    /** KL(P || Q) in nats, P from the rows of {@code input}, Q from the map (x[i], y[i]) per row. */
    public double klDivergence(Embeddings input, float[] x, float[] y, ProgressListener progress,
                               Cancellation cancel) {
        int n = checkAligned(input, x, y);
        if (n < 2) {
            return 0;
        }
        int dim = input.dim();
        double[] data = toDoubles(input);
        double usedPerplexity = TsneSettings.perplexityFor(perplexity, n);
        double[] beta = new double[n];
        double[] nearest = new double[n];
        double[] normaliser = new double[n];
        // Pass 1: each row's bandwidth, recomputing distances instead of keeping N^2 of them.
        forRows(n, "quality: input affinities", progress, cancel, i -> {
            double[] distances = distanceRow(data, dim, n, i);
            double[] conditional = new double[n - 1];
            beta[i] = InputAffinities.calibrateRow(distances, 0, n - 1, usedPerplexity, conditional);
            double min = Double.POSITIVE_INFINITY;
            for (double d : distances) {
                min = Math.min(min, d);
            }
            double sum = 0;
            for (double d : distances) {
                sum += Math.exp(-beta[i] * (d - min));
            }
            nearest[i] = min;
            normaliser[i] = sum;
        });
        double[] zParts = new double[n];
        forRows(n, "quality: map affinities", progress, cancel, i -> {
            double z = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    z += mapWeight(x, y, i, j);
                }
            }
            zParts[i] = z;
        });
        double z = sum(zParts);
        double[] klParts = new double[n];
        forRows(n, "quality: KL divergence", progress, cancel, i -> {
            double part = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d = SquaredDistance.exact(data, i * dim, j * dim, dim);
                double pji = Math.exp(-beta[i] * (d - nearest[i])) / normaliser[i];
                double pij = Math.exp(-beta[j] * (d - nearest[j])) / normaliser[j];
                double p = (pji + pij) / (2.0 * n);
                if (p > 0) {
                    part += p * Math.log(p * z / mapWeight(x, y, i, j));
                }
            }
            klParts[i] = part;
        });
        return sum(klParts);
    }

    /** Mean share of each row's k nearest input neighbours among its k nearest map neighbours. */
    public double neighbourhoodPreservation(Embeddings input, float[] x, float[] y, int k,
                                            ProgressListener progress, Cancellation cancel) {
        int n = checkAligned(input, x, y);
        if (n < 2) {
            return 1;
        }
        NearestNeighbours inputKnn = NearestNeighbours.exact(toDoubles(input), n, input.dim(), k,
                "quality: input neighbours", progress, cancel);
        NearestNeighbours mapKnn = NearestNeighbours.exact(interleave(x, y), n, 2, k,
                "quality: map neighbours", progress, cancel);
        return sharedShare(inputKnn, mapKnn);
    }

    private static double sharedShare(NearestNeighbours inputKnn, NearestNeighbours mapKnn) {
        int n = inputKnn.count();
        int k = inputKnn.k();
        long shared = 0;
        for (int i = 0; i < n; i++) {
            for (int a = i * k; a < (i + 1) * k; a++) {
                for (int b = i * k; b < (i + 1) * k; b++) {
                    if (inputKnn.indices()[a] == mapKnn.indices()[b]) {
                        shared++;
                        break;
                    }
                }
            }
        }
        return shared / ((double) n * k);
    }

    /**
     * Trustworthiness T(k) = 1 - 2 / (N k (2N - 3k - 1)) * sum_i sum_{j in U_i} (r(i, j) - k),
     * where U_i are map neighbours of i that are not among its k input neighbours and r(i, j) is
     * j's rank among i's input neighbours (nearest = 1). NaN when N is too small for the formula.
     */
    public double trustworthiness(Embeddings input, float[] x, float[] y, int k,
                                  ProgressListener progress, Cancellation cancel) {
        int n = checkAligned(input, x, y);
        double denominator = (double) n * k * (2.0 * n - 3.0 * k - 1.0);
        if (n < 2 || denominator <= 0) {
            return Double.NaN;
        }
        int dim = input.dim();
        double[] data = toDoubles(input);
        NearestNeighbours inputKnn = NearestNeighbours.exact(data, n, dim, k,
                "quality: input neighbours", progress, cancel);
        NearestNeighbours mapKnn = NearestNeighbours.exact(interleave(x, y), n, 2, k,
                "quality: map neighbours", progress, cancel);
        return trustworthiness(data, dim, inputKnn, mapKnn, progress, cancel);
    }

    private static double trustworthiness(double[] data, int dim, NearestNeighbours inputKnn,
                                          NearestNeighbours mapKnn, ProgressListener progress,
                                          Cancellation cancel) {
        int n = inputKnn.count();
        int k = inputKnn.k();
        double denominator = (double) n * k * (2.0 * n - 3.0 * k - 1.0);
        if (denominator <= 0) {
            return Double.NaN;
        }
        double[] penalty = new double[n];
        forRows(n, "quality: trustworthiness", progress, cancel, i -> {
            double[] distances = null;
            double sum = 0;
            for (int b = i * k; b < (i + 1) * k; b++) {
                int j = mapKnn.indices()[b];
                if (contains(inputKnn.indices(), i * k, (i + 1) * k, j)) {
                    continue;
                }
                if (distances == null) {
                    distances = distanceRowWithSelf(data, dim, n, i);
                }
                sum += inputRank(distances, i, j) - k;
            }
            penalty[i] = sum;
        });
        return 1 - 2 * sum(penalty) / denominator;
    }

    /** 1 + the number of other rows strictly before j in i's input ordering (ties: lower index). */
    private static int inputRank(double[] distances, int i, int j) {
        double dj = distances[j];
        int before = 0;
        for (int l = 0; l < distances.length; l++) {
            if (l != i && l != j && (distances[l] < dj || (distances[l] == dj && l < j))) {
                before++;
            }
        }
        return before + 1;
    }

    private static boolean contains(int[] values, int from, int to, int value) {
        for (int s = from; s < to; s++) {
            if (values[s] == value) {
                return true;
            }
        }
        return false;
    }

    private static double mapWeight(float[] x, float[] y, int i, int j) {
        double dx = (double) x[i] - x[j];
        double dy = (double) y[i] - y[j];
        return 1 / (1 + dx * dx + dy * dy);
    }

    /** Squared distances from row i to every other row (i itself left out). */
    private static double[] distanceRow(double[] data, int dim, int n, int i) {
        double[] out = new double[n - 1];
        int s = 0;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                out[s++] = SquaredDistance.exact(data, i * dim, j * dim, dim);
            }
        }
        return out;
    }

    private static double[] distanceRowWithSelf(double[] data, int dim, int n, int i) {
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = SquaredDistance.exact(data, i * dim, j * dim, dim);
        }
        return out;
    }

    /** Runs {@code work} for every row, in parallel within steps, reporting between steps. */
    private static void forRows(int n, String task, ProgressListener progress, Cancellation cancel,
                                IntConsumer work) {
        for (int from = 0; from < n; from += ROWS_PER_STEP) {
            cancel.throwIfCancelled();
            int to = Math.min(n, from + ROWS_PER_STEP);
            IntStream.range(from, to).parallel().forEach(work);
            progress.update(task, to, n, "points");
        }
    }

    /** Sequential sum, so the result does not depend on how rows were spread over threads. */
    private static double sum(double[] parts) {
        double total = 0;
        for (double part : parts) {
            total += part;
        }
        return total;
    }

    private static int checkAligned(Embeddings input, float[] x, float[] y) {
        if (x.length != input.count() || y.length != input.count()) {
            throw new IllegalArgumentException("the map has " + x.length + " x and " + y.length
                    + " y coordinates for " + input.count() + " input rows: they must match");
        }
        return input.count();
    }

    private static double[] toDoubles(Embeddings input) {
        float[] source = input.data();
        double[] out = new double[source.length];
        for (int i = 0; i < source.length; i++) {
            out[i] = source[i];
        }
        return out;
    }

    private static double[] interleave(float[] x, float[] y) {
        double[] out = new double[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            out[2 * i] = x[i];
            out[2 * i + 1] = y[i];
        }
        return out;
    }
}
