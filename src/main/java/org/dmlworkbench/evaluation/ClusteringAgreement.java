package org.dmlworkbench.evaluation;

import java.util.HashMap;
import java.util.Map;

/**
 * Agreement between a clustering and the true labels, as scikit-learn scores it with its default
 * arithmetic averaging: NMI = I / mean(H_true, H_pred), AMI = (I - E[I]) / (mean(H_true, H_pred)
 * - E[I]) (natural logs; the base cancels out).
 *
 * <p>Smile 3.1.1 has the same formulas ({@code NormalizedMutualInformation.sum},
 * {@code AdjustedMutualInformation.sum}; the tests check we agree with them), but its
 * contingency table costs O(classes x clusters x n) and its expected mutual information
 * recomputes each log-factorial by an O(n) loop (seconds at 10,000 points, minutes at 60,000).
 * Here the table is built in one pass and log-factorials come from a table filled once.
 *
 * @param mutualInformation I(truth; clusters)
 * @param expectedMutualInformation E[I] over random labellings with the same cluster sizes
 * @param truthEntropy H(truth)
 * @param clusterEntropy H(clusters)
 * @param bothSingleGroup whether both labellings put everything in one group (sklearn's
 *     "perfect match" special case, scored 1)
 */
public record ClusteringAgreement(double mutualInformation, double expectedMutualInformation,
        double truthEntropy, double clusterEntropy, boolean bothSingleGroup) {

    private static final double EPSILON = Math.ulp(1.0);

    public static ClusteringAgreement of(int[] truth, int[] clusters) {
        if (truth.length != clusters.length) {
            throw new IllegalArgumentException("truth has " + truth.length
                    + " labels but clusters have " + clusters.length);
        }
        int n = truth.length;
        if (n == 0) {
            throw new IllegalArgumentException("no labels to compare");
        }
        int[] truthIds = denseIds(truth);
        int[] clusterIds = denseIds(clusters);
        int rows = max(truthIds) + 1;
        int columns = max(clusterIds) + 1;
        long[] table = new long[rows * columns];
        long[] a = new long[rows];
        long[] b = new long[columns];
        for (int i = 0; i < n; i++) {
            table[truthIds[i] * columns + clusterIds[i]]++;
            a[truthIds[i]]++;
            b[clusterIds[i]]++;
        }
        double mi = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                long nij = table[i * columns + j];
                if (nij > 0) {
                    mi += (double) nij / n * Math.log((double) n * nij / ((double) a[i] * b[j]));
                }
            }
        }
        mi = Math.max(mi, 0); // rounding can give a tiny negative value; sklearn clips too
        boolean single = rows == 1 && columns == 1;
        double emi = rows == 1 || columns == 1 ? 0 : expectedMutualInformation(n, a, b);
        return new ClusteringAgreement(mi, emi, entropy(a, n), entropy(b, n), single);
    }

    /** sklearn's normalized_mutual_info_score(average_method="arithmetic"). */
    public double nmi() {
        if (bothSingleGroup) {
            return 1.0;
        }
        if (mutualInformation == 0) {
            return 0.0;
        }
        return mutualInformation / ((truthEntropy + clusterEntropy) / 2);
    }

    /** sklearn's adjusted_mutual_info_score(average_method="arithmetic"). */
    public double ami() {
        if (bothSingleGroup) {
            return 1.0;
        }
        double denominator = (truthEntropy + clusterEntropy) / 2 - expectedMutualInformation;
        denominator = denominator < 0 ? Math.min(denominator, -EPSILON)
                : Math.max(denominator, EPSILON);
        return (mutualInformation - expectedMutualInformation) / denominator;
    }

    /** E[I] under the hypergeometric model (Vinh, Epps and Bailey 2010), as sklearn sums it. */
    static double expectedMutualInformation(int n, long[] a, long[] b) {
        double[] logFactorial = logFactorials(n);
        double logN = Math.log(n);
        double emi = 0;
        for (long ai : a) {
            for (long bj : b) {
                long start = Math.max(1, ai + bj - n);
                long end = Math.min(ai, bj);
                double constant = logFactorial[(int) ai] + logFactorial[(int) bj]
                        + logFactorial[(int) (n - ai)] + logFactorial[(int) (n - bj)]
                        - logFactorial[n];
                double logAB = Math.log(ai) + Math.log(bj);
                for (long nij = start; nij <= end; nij++) {
                    double logProbability = constant - logFactorial[(int) nij]
                            - logFactorial[(int) (ai - nij)] - logFactorial[(int) (bj - nij)]
                            - logFactorial[(int) (n - ai - bj + nij)];
                    emi += (double) nij / n * (logN + Math.log(nij) - logAB)
                            * Math.exp(logProbability);
                }
            }
        }
        return emi;
    }

    /**
     * log(m!) for m = 0..n, summed with Kahan compensation (error ~1e-11 at n = 60,000). Smile's
     * Gamma.lgamma computes each integer value by its own O(m) loop, O(n^2) for the table.
     */
    static double[] logFactorials(int n) {
        double[] table = new double[n + 1];
        double sum = 0;
        double compensation = 0;
        for (int m = 2; m <= n; m++) {
            double term = Math.log(m) - compensation;
            double next = sum + term;
            compensation = (next - sum) - term;
            sum = next;
            table[m] = sum;
        }
        return table;
    }

    private static double entropy(long[] counts, int n) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** Maps arbitrary labels to 0..distinct-1 in order of first appearance. */
    private static int[] denseIds(int[] labels) {
        Map<Integer, Integer> ids = new HashMap<>();
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = ids.computeIfAbsent(labels[i], key -> ids.size());
        }
        return out;
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
