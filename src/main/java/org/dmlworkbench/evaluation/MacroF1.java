package org.dmlworkbench.evaluation;

import java.util.TreeMap;

/**
 * Macro-averaged F1 as scikit-learn's {@code f1_score(average="macro")} computes it: the mean
 * over every label that occurs in the truth or the predictions of that label's F1 =
 * 2 TP / (2 TP + FP + FN), which is 0 for a label never predicted correctly (sklearn's
 * zero_division=0). Smile's FScore is binary only, hence this class.
 */
public final class MacroF1 {

    private MacroF1() {}

    public static double of(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length
                    + " labels but predictions have " + predicted.length);
        }
        if (truth.length == 0) {
            return Double.NaN;
        }
        // label -> {true positives, false positives, false negatives}
        TreeMap<Integer, long[]> counts = new TreeMap<>();
        for (int i = 0; i < truth.length; i++) {
            long[] forTruth = counts.computeIfAbsent(truth[i], key -> new long[3]);
            if (truth[i] == predicted[i]) {
                forTruth[0]++;
            } else {
                forTruth[2]++;
                counts.computeIfAbsent(predicted[i], key -> new long[3])[1]++;
            }
        }
        double sum = 0;
        for (long[] c : counts.values()) {
            long denominator = 2 * c[0] + c[1] + c[2];
            sum += denominator == 0 ? 0 : 2.0 * c[0] / denominator;
        }
        return sum / counts.size();
    }
}
