package org.dmlworkbench.loss.distances;

import static org.dmlworkbench.tensor.Scalars.sub;
import static org.dmlworkbench.tensor.Scalars.subFrom;
import ai.djl.ndarray.NDArray;

/**
 * A pairwise measure between embeddings, as a (Q, R) matrix computed with NDArray ops so that
 * gradients flow back to both inputs.
 *
 * <p>Some measures are distances (small = close) and some are similarities (large = close,
 * {@link #isInverted()}). Losses never compare raw values with {@code <}: they go through
 * {@link #fartherThan}, {@link #closerThan} and {@link #separation}, so the same loss code works
 * with either kind (the convention of pytorch-metric-learning's {@code distance.margin}).
 */
public interface Distance {

    /**
     * @param query (Q, D) embeddings
     * @param reference (R, D) embeddings
     * @return (Q, R) matrix: entry (i, j) compares query i with reference j
     */
    NDArray matrix(NDArray query, NDArray reference);

    /** The (B, B) matrix of a batch against itself. */
    default NDArray matrix(NDArray embeddings) {
        return matrix(embeddings, embeddings);
    }

    /** True for similarities: larger values mean closer embeddings. */
    boolean isInverted();

    /** True when the rows are L2-normalised before comparing. */
    boolean normalizes();

    /** A short name for run configs and logs, e.g. "euclidean". */
    String describe();

    /**
     * How far beyond {@code threshold} the pairs lie, positive when they are farther apart than
     * the threshold: {@code values - threshold} for distances, {@code threshold - values} for
     * similarities.
     */
    default NDArray fartherThan(NDArray values, double threshold) {
        return isInverted() ? subFrom(threshold, values) : sub(values, threshold);
    }

    /** The opposite of {@link #fartherThan}: positive when pairs are closer than the threshold. */
    default NDArray closerThan(NDArray values, double threshold) {
        return isInverted() ? sub(values, threshold) : subFrom(threshold, values);
    }

    /**
     * How much farther the negative lies than the positive (broadcasting): {@code an - ap} for
     * distances, {@code ap - an} for similarities. Positive means the triplet is ordered right.
     */
    default NDArray separation(NDArray anchorPositive, NDArray anchorNegative) {
        return isInverted() ? anchorPositive.sub(anchorNegative)
                : anchorNegative.sub(anchorPositive);
    }

    /** Checks that both inputs are 2-D with the same width; returns the width. */
    static long checkPair(NDArray query, NDArray reference) {
        if (query.getShape().dimension() != 2 || reference.getShape().dimension() != 2) {
            throw new IllegalArgumentException("distances need 2-D (rows, dim) embeddings, got "
                    + query.getShape() + " and " + reference.getShape());
        }
        long dim = query.getShape().get(1);
        if (reference.getShape().get(1) != dim) {
            throw new IllegalArgumentException("embedding widths differ: " + query.getShape()
                    + " vs " + reference.getShape());
        }
        return dim;
    }
}
