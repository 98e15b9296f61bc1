package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.sub;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/** Numerically stable masked log-sum-exp along the last axis of a 2-D tensor. */
public final class LogSumExp {

    private LogSumExp() {
    }

    /**
     * Per row: {@code log(1 + sum over masked j of exp(x[i, j]))}; 0 for a row with no masked
     * entry. The "1" is the extra term of soft-plus style losses (Multi-Similarity, Binomial).
     * The largest exponent (at least 0) is subtracted before exponentiating, so exponents of 50
     * times a similarity do not overflow float32; absent entries are set to -inf before the
     * exponential, so they contribute exactly 0 and a zero gradient.
     *
     * @param x (Q, R) exponents
     * @param mask (Q, R) boolean
     * @return (Q) values
     */
    public static NDArray logOnePlusSumExp(NDArray x, NDArray mask) {
        NDArray minusInfinity = sub(x.zerosLike(), Float.POSITIVE_INFINITY);
        NDArray masked = NDArrays.where(mask, x, minusInfinity);
        NDArray shift = max(masked.max(new int[] {1}, true), 0).stopGradient();
        NDArray sum = masked.sub(shift).exp().sum(new int[] {1}, true);
        return shift.add(shift.neg().exp().add(sum).log()).squeeze(1);
    }
}
