package org.dmlworkbench.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between a tensor and a number, safe under autograd. Use these instead of DJL's
 * {@code NDArray.mul(Number)} and its siblings (an architecture test forbids those).
 *
 * <p>Why: DJL's PyTorch engine turns the number into a 0-d tensor that views a Java direct
 * buffer and closes it right after the operation. PyTorch's autograd keeps that tensor for the
 * backward pass (the gradient of {@code x * a} reads {@code a}; {@code maximum} reads both
 * sides), so the backward pass reads memory the Java garbage collector may already have freed
 * and reused: gradients became garbage at random, one step in a thousand, more under memory
 * pressure. Here the number becomes a tensor that PyTorch allocates and owns, which autograd can
 * keep alive for as long as it needs.
 */
public final class Scalars {

    private Scalars() {}

    /** A 0-d tensor holding {@code value}, of {@code like}'s type, device and manager. */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    public static NDArray add(NDArray x, double value) {
        return x.add(scalar(x, value));
    }

    public static NDArray sub(NDArray x, double value) {
        return x.sub(scalar(x, value));
    }

    /** {@code value - x}. */
    public static NDArray subFrom(double value, NDArray x) {
        return scalar(x, value).sub(x);
    }

    public static NDArray mul(NDArray x, double value) {
        return x.mul(scalar(x, value));
    }

    public static NDArray div(NDArray x, double value) {
        return x.div(scalar(x, value));
    }

    public static NDArray pow(NDArray x, double exponent) {
        return x.pow(scalar(x, exponent));
    }

    /** Element-wise maximum with a number (a floor). */
    public static NDArray max(NDArray x, double value) {
        return x.maximum(scalar(x, value));
    }

    /** Element-wise minimum with a number (a ceiling). */
    public static NDArray min(NDArray x, double value) {
        return x.minimum(scalar(x, value));
    }

    public static NDArray gt(NDArray x, double value) {
        return x.gt(scalar(x, value));
    }

    public static NDArray gte(NDArray x, double value) {
        return x.gte(scalar(x, value));
    }

    public static NDArray lt(NDArray x, double value) {
        return x.lt(scalar(x, value));
    }

    public static NDArray lte(NDArray x, double value) {
        return x.lte(scalar(x, value));
    }

    public static NDArray eq(NDArray x, double value) {
        return x.eq(scalar(x, value));
    }

    /** In place: {@code x *= value}. */
    public static NDArray muli(NDArray x, double value) {
        return x.muli(scalar(x, value));
    }
}
