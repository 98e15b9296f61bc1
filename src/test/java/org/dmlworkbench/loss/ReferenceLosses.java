package org.dmlworkbench.loss;

/**
 * Plain double-precision loops that restate each loss from its paper, one pair or triplet at a
 * time, independently of the NDArray code under test.
 */
final class ReferenceLosses {

    private ReferenceLosses() {
    }

    static double[][] euclidean(double[][] e, boolean squared) {
        int n = e.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < e[i].length; k++) {
                    sum += (e[i][k] - e[j][k]) * (e[i][k] - e[j][k]);
                }
                d[i][j] = squared ? sum : Math.sqrt(sum);
            }
        }
        return d;
    }

    static double[][] dot(double[][] e) {
        int n = e.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < e[i].length; k++) {
                    s[i][j] += e[i][k] * e[j][k];
                }
            }
        }
        return s;
    }

    /** pml ContrastiveLoss: mean of non-zero positive hinges + mean of non-zero negative ones. */
    static double contrastive(double[][] e, long[] labels, double posMargin, double negMargin) {
        double[][] d = euclidean(e, false);
        double posSum = 0;
        double negSum = 0;
        int posCount = 0;
        int negCount = 0;
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                if (i == j) {
                    continue;
                }
                if (labels[i] == labels[j]) {
                    double term = Math.max(0, d[i][j] - posMargin);
                    posSum += term;
                    posCount += term > 0 ? 1 : 0;
                } else {
                    double term = Math.max(0, negMargin - d[i][j]);
                    negSum += term;
                    negCount += term > 0 ? 1 : 0;
                }
            }
        }
        return (posCount == 0 ? 0 : posSum / posCount) + (negCount == 0 ? 0 : negSum / negCount);
    }

    /** Triplet margin loss over all / semihard / hard triplets, mean of non-zero terms. */
    static double triplet(double[][] e, long[] labels, double margin, boolean squared,
            String mining) {
        double[][] d = euclidean(e, squared);
        double sum = 0;
        int count = 0;
        for (int a = 0; a < e.length; a++) {
            for (int p = 0; p < e.length; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                for (int n = 0; n < e.length; n++) {
                    if (labels[n] == labels[a]) {
                        continue;
                    }
                    double separation = d[a][n] - d[a][p];
                    boolean kept = switch (mining) {
                        case "all" -> true;
                        case "semihard" -> separation > 0 && separation < margin;
                        case "hard" -> separation <= 0;
                        default -> throw new IllegalArgumentException(mining);
                    };
                    double term = Math.max(0, d[a][p] - d[a][n] + margin);
                    if (kept && term > 0) {
                        sum += term;
                        count++;
                    }
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Wu et al. margin loss over all ordered pairs, divided by the number of non-zero terms. */
    static double margin(double[][] e, long[] labels, double margin, double beta) {
        double[][] d = euclidean(e, false);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) {
                if (i == j) {
                    continue;
                }
                double y = labels[i] == labels[j] ? 1 : -1;
                double term = Math.max(0, margin + y * (d[i][j] - beta));
                sum += term;
                count += term > 0 ? 1 : 0;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** [0] kept positives, [1] kept negatives, by Wang et al.'s Eq. 7-8 on similarities. */
    static boolean[][][] msMine(double[][] s, long[] labels, double epsilon) {
        int n = s.length;
        boolean[][][] kept = new boolean[2][n][n];
        for (int i = 0; i < n; i++) {
            double hardestNegative = Double.NEGATIVE_INFINITY;
            double hardestPositive = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (labels[j] != labels[i]) {
                    hardestNegative = Math.max(hardestNegative, s[i][j]);
                } else if (j != i) {
                    hardestPositive = Math.min(hardestPositive, s[i][j]);
                }
            }
            for (int j = 0; j < n; j++) {
                if (j != i && labels[j] == labels[i]) {
                    kept[0][i][j] = s[i][j] - epsilon < hardestNegative;
                } else if (labels[j] != labels[i]) {
                    kept[1][i][j] = s[i][j] + epsilon > hardestPositive;
                }
            }
        }
        return kept;
    }

    /** Multi-Similarity loss; epsilon NaN means no mining. */
    static double multiSimilarity(double[][] e, long[] labels, double alpha, double beta,
            double base, double epsilon) {
        double[][] s = dot(e);
        int n = e.length;
        boolean[][][] kept = Double.isNaN(epsilon) ? null : msMine(s, labels, epsilon);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double posSum = 0;
            double negSum = 0;
            for (int j = 0; j < n; j++) {
                boolean positive = j != i && labels[j] == labels[i];
                boolean negative = labels[j] != labels[i];
                if (positive && (kept == null || kept[0][i][j])) {
                    posSum += Math.exp(-alpha * (s[i][j] - base));
                }
                if (negative && (kept == null || kept[1][i][j])) {
                    negSum += Math.exp(beta * (s[i][j] - base));
                }
            }
            total += Math.log(1 + posSum) / alpha + Math.log(1 + negSum) / beta;
        }
        return total / n;
    }

    static double crossEntropy(double[][] logits, long[] labels) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double sumExp = 0;
            for (double logit : logits[i]) {
                sumExp += Math.exp(logit);
            }
            total += Math.log(sumExp) - logits[i][(int) labels[i]];
        }
        return total / logits.length;
    }
}
