package org.dmlworkbench.study;

import smile.stat.distribution.TDistribution;
import tech.tablesaw.api.DoubleColumn;

/**
 * Mean, sample standard deviation and the 95% confidence interval of the mean by Student's t:
 * mean +- t(0.975, n-1) * sd / sqrt(n). With one value the spread is unknown (NaN), not zero.
 */
public record ConfidenceInterval(int n, double mean, double sd, double low, double high) {

    public static ConfidenceInterval of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new ConfidenceInterval(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        DoubleColumn column = DoubleColumn.create("values", values);
        double mean = column.mean();
        if (n == 1) {
            return new ConfidenceInterval(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double sd = column.standardDeviation();
        double half = tQuantile975(n - 1) * sd / Math.sqrt(n);
        return new ConfidenceInterval(n, mean, sd, mean - half, mean + half);
    }

    /** The 0.975 quantile of Student's t with {@code degreesOfFreedom}, e.g. 4.303 for 2. */
    public static double tQuantile975(int degreesOfFreedom) {
        return new TDistribution(degreesOfFreedom).quantile(0.975);
    }

    /** Half the interval's width (NaN when n < 2). */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
