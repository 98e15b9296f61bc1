package org.dmlworkbench.loss.distances;

import static org.dmlworkbench.tensor.Scalars.gt;
import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * Euclidean (L2) distance, or its square, from the Gram matrix:
 * {@code |q|^2 + |r|^2 - 2 q.r}. That form costs one matrix product instead of a (Q, R, D)
 * difference tensor; its float32 rounding (about 1e-7 on squared distances of unit vectors) is
 * clamped at zero.
 *
 * <p>The square root is "safe": below {@link #SQRT_FLOOR} the distance is exactly 0 and its
 * gradient 0, so identical embeddings (a self-pair, a collapsed batch) never give the infinite
 * derivative of sqrt at 0, which would turn into NaN gradients.
 */
public final class EuclideanDistance implements Distance {

    /** Squared distances at or below this are treated as 0 (distance below 1e-6). */
    public static final float SQRT_FLOOR = 1e-12f;

    private final boolean normalize;
    private final boolean squared;

    /** Plain (not squared) distance, inputs not re-normalised. */
    public EuclideanDistance() {
        this(false, false);
    }

    public EuclideanDistance(boolean normalize, boolean squared) {
        this.normalize = normalize;
        this.squared = squared;
    }

    @Override
    public NDArray matrix(NDArray query, NDArray reference) {
        Distance.checkPair(query, reference);
        NDArray q = normalize ? query.normalize(2, 1) : query;
        NDArray r = normalize ? reference.normalize(2, 1) : reference;
        NDArray queryNorms = q.square().sum(new int[] {1}, true);
        NDArray referenceNorms = r.square().sum(new int[] {1}, true).transpose();
        NDArray squaredDistances =
                queryNorms.add(referenceNorms).sub(mul(q.matMul(r.transpose()), 2));
        return squared ? max(squaredDistances, 0) : safeSqrt(squaredDistances);
    }

    /** sqrt(x) for x above the floor, 0 (with zero gradient) at or below it. */
    public static NDArray safeSqrt(NDArray x) {
        NDArray aboveFloor = gt(x, SQRT_FLOOR);
        return NDArrays.where(aboveFloor, max(x, SQRT_FLOOR).sqrt(), x.zerosLike());
    }

    @Override
    public boolean isInverted() {
        return false;
    }

    @Override
    public boolean normalizes() {
        return normalize;
    }

    public boolean isSquared() {
        return squared;
    }

    @Override
    public String describe() {
        return (squared ? "squared-euclidean" : "euclidean") + (normalize ? "(normalize)" : "");
    }
}
