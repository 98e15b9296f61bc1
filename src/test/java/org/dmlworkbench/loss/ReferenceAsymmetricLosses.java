package org.dmlworkbench.loss;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Independent double-precision loop versions of the asymmetric and relational losses, written
 * from the formulas in the loss classes' documentation, for hand-sized inputs.
 */
final class ReferenceAsymmetricLosses {

    /** A loss as a function of the student's matrix (teacher and labels fixed). */
    interface Fn {
        double value(double[][] student);
    }

    private ReferenceAsymmetricLosses() {}

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += (a[d] - b[d]) * (a[d] - b[d]);
        }
        return Math.sqrt(sum);
    }

    static double reg(double[][] s, double[][] t) {
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            total += 0.5 * distance(s[i], t[i]) * distance(s[i], t[i]);
        }
        return total / s.length;
    }

    /**
     * The authors' tuple contrastive loss on a batch: per query i, the mean over same-class
     * teacher vectors j != i of 0.5 D^2 (plus 0.5 ||s_i - t_i||^2 with the own positive), plus
     * for the {@code negatives} other classes whose nearest teacher vector is nearest to s_i,
     * 0.5 max(0, m - D)^2 of that nearest vector; mean over queries that have a positive.
     */
    static double contr(double[][] s, double[][] t, int[] y, double margin, int negatives,
            boolean ownPositive) {
        double total = 0;
        int tuples = 0;
        for (int i = 0; i < s.length; i++) {
            double pull = 0;
            int positives = 0;
            java.util.Map<Integer, Double> nearestPerClass = new java.util.TreeMap<>();
            for (int j = 0; j < t.length; j++) {
                double d = distance(s[i], t[j]);
                if (y[j] == y[i]) {
                    if (j != i) {
                        pull += 0.5 * d * d;
                        positives++;
                    }
                } else {
                    nearestPerClass.merge(y[j], d, Math::min);
                }
            }
            if (positives == 0 && !ownPositive) {
                continue;
            }
            double tuple = positives == 0 ? 0 : pull / positives;
            if (ownPositive) {
                double own = distance(s[i], t[i]);
                tuple += 0.5 * own * own;
            }
            double[] nearest = nearestPerClass.values().stream().mapToDouble(Double::doubleValue)
                    .sorted().toArray();
            for (int n = 0; n < Math.min(negatives, nearest.length); n++) {
                tuple += 0.5 * Math.pow(Math.max(0, margin - nearest[n]), 2);
            }
            total += tuple;
            tuples++;
        }
        return total / tuples;
    }

    static double triplet(double[][] s, double[][] t, int[] y, double margin) {
        double total = 0;
        int count = 0;
        for (int a = 0; a < s.length; a++) {
            for (int p = 0; p < t.length; p++) {
                for (int n = 0; n < t.length; n++) {
                    if (p != a && y[p] == y[a] && y[n] != y[a]) {
                        total += Math.max(0, distance(s[a], t[p]) - distance(s[a], t[n]) + margin);
                        count++;
                    }
                }
            }
        }
        return total / count;
    }

    static double ms(double[][] s, double[][] t, int[] y, double alpha, double beta, double lambda) {
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            double pos = 0;
            double neg = 0;
            for (int j = 0; j < t.length; j++) {
                double sim = 0;
                for (int d = 0; d < s[i].length; d++) {
                    sim += s[i][d] * t[j][d];
                }
                if (j != i && y[j] == y[i]) {
                    pos += Math.exp(-alpha * (sim - lambda));
                } else if (y[j] != y[i]) {
                    neg += Math.exp(beta * (sim - lambda));
                }
            }
            total += Math.log(1 + pos) / alpha + Math.log(1 + neg) / beta;
        }
        return total / s.length;
    }

    static double huber(double x) {
        return Math.abs(x) < 1 ? 0.5 * x * x : Math.abs(x) - 0.5;
    }

    static double rkd(double[][] s, double[][] t, double distanceWeight, double angleWeight) {
        int b = s.length;
        double[][] ds = distances(s);
        double[][] dt = distances(t);
        double ms = meanOffDiagonal(ds);
        double mt = meanOffDiagonal(dt);
        double distanceTerm = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                distanceTerm += huber(ds[i][j] / ms - dt[i][j] / mt);
            }
        }
        distanceTerm /= b * b;
        double angleTerm = 0;
        for (int j = 0; j < b; j++) {
            for (int i = 0; i < b; i++) {
                for (int k = 0; k < b; k++) {
                    angleTerm += huber(cosAt(s, i, j, k) - cosAt(t, i, j, k));
                }
            }
        }
        angleTerm /= (double) b * b * b;
        return distanceWeight * distanceTerm + angleWeight * angleTerm;
    }

    /** Cosine at x_j between x_i and x_k; 0 when either difference vanishes. */
    private static double cosAt(double[][] x, int i, int j, int k) {
        double dij = distance(x[i], x[j]);
        double dkj = distance(x[k], x[j]);
        if (i == j || k == j) {
            return 0;
        }
        double dot = 0;
        for (int d = 0; d < x[0].length; d++) {
            dot += (x[i][d] - x[j][d]) * (x[k][d] - x[j][d]);
        }
        return dot / (dij * dkj);
    }

    static double darkrank(double[][] s, double[][] t, double alpha, double beta) {
        int b = s.length;
        double total = 0;
        for (int i = 0; i < b; i++) {
            int query = i;
            Integer[] order = new Integer[b - 1];
            for (int j = 0, n = 0; j < b; j++) {
                if (j != i) {
                    order[n++] = j;
                }
            }
            Arrays.sort(order, Comparator.comparingDouble(j -> distance(t[query], t[j])));
            for (int k = 0; k < order.length; k++) {
                double normaliser = 0;
                for (int m = k; m < order.length; m++) {
                    normaliser += Math.exp(-alpha * Math.pow(distance(s[i], s[order[m]]), beta));
                }
                total += alpha * Math.pow(distance(s[i], s[order[k]]), beta) + Math.log(normaliser);
            }
        }
        return total / b;
    }

    private static double[][] distances(double[][] x) {
        double[][] d = new double[x.length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                d[i][j] = i == j ? 0 : distance(x[i], x[j]);
            }
        }
        return d;
    }

    private static double meanOffDiagonal(double[][] d) {
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < d.length; j++) {
                sum += d[i][j];
            }
        }
        return sum / (d.length * (d.length - 1));
    }

    /** Central differences of {@code fn} at {@code s}. */
    static double[][] numericGradient(Fn fn, double[][] s) {
        double h = 1e-6;
        double[][] gradient = new double[s.length][s[0].length];
        for (int i = 0; i < s.length; i++) {
            for (int d = 0; d < s[i].length; d++) {
                double[][] plus = copy(s);
                double[][] minus = copy(s);
                plus[i][d] += h;
                minus[i][d] -= h;
                gradient[i][d] = (fn.value(plus) - fn.value(minus)) / (2 * h);
            }
        }
        return gradient;
    }

    private static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }
}
