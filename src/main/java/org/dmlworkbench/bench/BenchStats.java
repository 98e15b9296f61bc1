package org.dmlworkbench.bench;

import java.util.Arrays;

/**
 * Summary of a case's repeated measurements. Percentiles interpolate linearly between the sorted
 * samples (numpy's default): the p-th percentile sits at position p/100 * (n - 1).
 *
 * @param samples how many measurements were summarised
 * @param p99 99th percentile, interpolated as above
 */
public record BenchStats(int samples, double median, double min, double max, double p99) {

    /** A single measurement that was not repeated (e.g. a peak memory reading). */
    public static BenchStats single(double value) {
        return new BenchStats(1, value, value, value, value);
    }

    /**
     * @throws IllegalArgumentException when there are no samples or one is not finite
     */
    public static BenchStats of(double... samples) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("no measurements to summarise");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        for (double value : sorted) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("measurement is not finite: " + value);
            }
        }
        return new BenchStats(sorted.length, percentileOfSorted(sorted, 50), sorted[0],
                sorted[sorted.length - 1], percentileOfSorted(sorted, 99));
    }

    /** The p-th percentile (0-100) of samples in any order. */
    public static double percentile(double[] samples, double p) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return percentileOfSorted(sorted, p);
    }

    static double percentileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no measurements to take a percentile of");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be within 0-100, got " + p);
        }
        double position = p / 100.0 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
