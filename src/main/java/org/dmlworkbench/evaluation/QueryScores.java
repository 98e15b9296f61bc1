package org.dmlworkbench.evaluation;

import java.util.function.IntUnaryOperator;

/**
 * The k-NN scores of one query, read off its neighbours' labels in ascending distance order.
 *
 * @param firstMatchRank 1-based rank of the first neighbour with the query's label among those
 *     given, or 0 when none has it
 * @param rPrecision same-label neighbours among the first R, divided by R
 * @param averagePrecisionAtR (1/R) * sum over ranks i <= R of P@i * rel(i)
 * @param predictedLabel the nearest neighbour's label (the 1-NN classifier's answer)
 */
record QueryScores(int firstMatchRank, double rPrecision, double averagePrecisionAtR,
        int predictedLabel) {

    /**
     * @param label the query's label
     * @param neighbourLabels labels of its nearest reference items, nearest first
     * @param count how many entries of {@code neighbourLabels} are valid (at least 1)
     * @param r the number of other reference items with the query's label (at least 1);
     *     {@code count} must be at least min(r, references available)
     */
    static QueryScores of(int label, int[] neighbourLabels, int count, int r) {
        return of(label, i -> neighbourLabels[i], count, r);
    }

    /**
     * The same with the i-th neighbour's label read through {@code neighbourLabel}, so the
     * evaluator needs no scratch array of labels per query.
     */
    static QueryScores of(int label, IntUnaryOperator neighbourLabel, int count, int r) {
        if (count < 1 || r < 1) {
            throw new IllegalArgumentException("need at least one neighbour and R >= 1, got "
                    + count + " and " + r);
        }
        int firstMatchRank = 0;
        int hitsWithinR = 0;
        double precisionSum = 0;
        for (int i = 0; i < count; i++) {
            if (neighbourLabel.applyAsInt(i) != label) {
                continue;
            }
            if (firstMatchRank == 0) {
                firstMatchRank = i + 1;
            }
            if (i < r) {
                hitsWithinR++;
                precisionSum += (double) hitsWithinR / (i + 1);
            }
        }
        return new QueryScores(firstMatchRank, (double) hitsWithinR / r, precisionSum / r,
                neighbourLabel.applyAsInt(0));
    }
}
