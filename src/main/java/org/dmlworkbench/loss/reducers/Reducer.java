package org.dmlworkbench.loss.reducers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * Turns a tensor of per-term losses (one per pair, triplet or anchor) into the scalar loss.
 * Only the terms where {@code mask} is true exist; the others are ignored whatever their value.
 */
public interface Reducer {

    /**
     * @param losses per-term losses, any shape
     * @param mask boolean tensor of the same shape: which terms exist
     * @return a scalar
     */
    NDArray reduce(NDArray losses, NDArray mask);

    /** A short name for run configs, e.g. "avg-non-zero". */
    String describe();

    /**
     * The losses where the mask holds, 0 elsewhere. Uses {@code where}, not a product, so that an
     * infinite value in an absent term cannot become NaN.
     */
    static NDArray keep(NDArray losses, NDArray mask) {
        if (!losses.getShape().equals(mask.getShape())) {
            throw new IllegalArgumentException("loss terms " + losses.getShape()
                    + " and their mask " + mask.getShape() + " differ in shape");
        }
        NDArray bool = mask.getDataType() == DataType.BOOLEAN ? mask
                : mask.toType(DataType.BOOLEAN, false);
        return NDArrays.where(bool, losses, losses.zerosLike());
    }
}
