package org.dmlworkbench.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.dmlworkbench.model.Embeddings;

/**
 * A deliberately plain re-implementation of the k-NN metrics for tests: exact squared distances
 * in double, a full sort by (distance, index), and the AccuracyCalculator formulas written out.
 */
final class BruteForceMetrics {

    int dropped;
    double precisionAt1;
    double[] recall;
    double rPrecision;
    double mapAtR;
    double f1;

    static BruteForceMetrics compute(Embeddings queries, int[] queryLabels, Embeddings reference,
            int[] referenceLabels, boolean same, int[] ks) {
        BruteForceMetrics out = new BruteForceMetrics();
        out.recall = new double[ks.length];
        List<Integer> truth = new ArrayList<>();
        List<Integer> predicted = new ArrayList<>();
        int scored = 0;
        for (int q = 0; q < queries.count(); q++) {
            List<Integer> order = new ArrayList<>();
            for (int r = 0; r < reference.count(); r++) {
                if (!(same && r == q)) {
                    order.add(r);
                }
            }
            double[] distance = new double[reference.count()];
            for (int r = 0; r < reference.count(); r++) {
                double sum = 0;
                for (int j = 0; j < queries.dim(); j++) {
                    double d = (double) queries.get(q, j) - reference.get(r, j);
                    sum += d * d;
                }
                distance[r] = sum;
            }
            order.sort(Comparator.<Integer>comparingDouble(r -> distance[r])
                    .thenComparingInt(r -> r));
            int label = queryLabels[q];
            int rCount = 0;
            for (int r : order) {
                if (referenceLabels[r] == label) {
                    rCount++;
                }
            }
            if (rCount == 0) {
                out.dropped++;
                continue;
            }
            scored++;
            boolean[] relevant = new boolean[order.size()];
            for (int i = 0; i < order.size(); i++) {
                relevant[i] = referenceLabels[order.get(i)] == label;
            }
            out.precisionAt1 += relevant[0] ? 1 : 0;
            for (int k = 0; k < ks.length; k++) {
                for (int i = 0; i < Math.min(ks[k], relevant.length); i++) {
                    if (relevant[i]) {
                        out.recall[k]++;
                        break;
                    }
                }
            }
            int hits = 0;
            double ap = 0;
            for (int i = 0; i < rCount; i++) {
                if (relevant[i]) {
                    hits++;
                    ap += (double) hits / (i + 1);
                }
            }
            out.rPrecision += (double) hits / rCount;
            out.mapAtR += ap / rCount;
            truth.add(label);
            predicted.add(referenceLabels[order.get(0)]);
        }
        out.precisionAt1 /= scored;
        for (int k = 0; k < ks.length; k++) {
            out.recall[k] /= scored;
        }
        out.rPrecision /= scored;
        out.mapAtR /= scored;
        out.f1 = macroF1(truth, predicted);
        return out;
    }

    private static double macroF1(List<Integer> truth, List<Integer> predicted) {
        TreeMap<Integer, Double> f1 = new TreeMap<>();
        for (List<Integer> side : List.of(truth, predicted)) {
            for (int label : side) {
                int tp = 0;
                int fp = 0;
                int fn = 0;
                for (int i = 0; i < truth.size(); i++) {
                    boolean t = truth.get(i) == label;
                    boolean p = predicted.get(i) == label;
                    tp += t && p ? 1 : 0;
                    fp += !t && p ? 1 : 0;
                    fn += t && !p ? 1 : 0;
                }
                double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
                double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
                f1.put(label, precision + recall == 0 ? 0
                        : 2 * precision * recall / (precision + recall));
            }
        }
        return f1.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
