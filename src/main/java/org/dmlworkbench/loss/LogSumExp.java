package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.gt;
import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.sub;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

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

    /** Per row: whether the (Q, R) boolean mask has any entry; (Q) boolean. */
    public static NDArray hasAny(NDArray mask) {
        return gt(mask.toType(DataType.FLOAT32, false).sum(new int[] {1}), 0);
    }

    /**
     * Per row: {@code log(sum over masked j of exp(x[i, j]))}, shifted by the row's largest
     * masked exponent; a row with no masked entry gives 0 (not -inf) with zero gradients, so the
     * caller must drop such rows ({@link #hasAny}) rather than read the 0 as a value.
     *
     * @param x (Q, R) exponents
     * @param mask (Q, R) boolean
     * @return (Q) values
     */
    public static NDArray logSumExpOrZero(NDArray x, NDArray mask) {
        NDArray any = hasAny(mask).expandDims(1);
        NDArray masked = NDArrays.where(mask, x, sub(x.zerosLike(), Float.POSITIVE_INFINITY));
        NDArray rowMax = masked.max(new int[] {1}, true);
        NDArray shift = NDArrays.where(any, rowMax, rowMax.zerosLike()).stopGradient();
        NDArray sum = masked.sub(shift).exp().sum(new int[] {1}, true);
        NDArray safeSum = NDArrays.where(any, sum, sum.onesLike());
        return shift.add(safeSum.log()).squeeze(1);
    }
}
