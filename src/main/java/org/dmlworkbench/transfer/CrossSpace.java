package org.dmlworkbench.transfer;

import static org.dmlworkbench.tensor.Scalars.lt;
import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.mul;
import static org.dmlworkbench.tensor.Scalars.sub;
import static org.dmlworkbench.tensor.Scalars.subFrom;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Distance and similarity matrices between the rows of two embedding matrices. */
final class CrossSpace {

    /**
     * Squared distances are clamped to at least this before the square root, whose slope at 0 is
     * infinite; a distance below 1e-4 gets no gradient.
     */
    static final float SQUARED_FLOOR = 1e-8f;

    private CrossSpace() {}

    /** (B, B') Euclidean distances ||a_i - b_j||. */
    static NDArray distances(NDArray a, NDArray b) {
        NDArray aa = a.square().sum(new int[] {1}, true);
        NDArray bb = b.square().sum(new int[] {1}, true).transpose();
        return max(aa.add(bb).sub(mul(a.matMul(b.transpose()), 2)), SQUARED_FLOOR).sqrt();
    }

    /** (B, B) Euclidean distances within one space with an exact zero diagonal. */
    static NDArray selfDistances(NDArray x) {
        return distances(x, x).mul(offDiagonal(x));
    }

    /** (B, B) float mask: 1 off the diagonal, 0 on it. */
    static NDArray offDiagonal(NDArray x) {
        int rows = (int) x.getShape().get(0);
        return subFrom(1, x.getManager().eye(rows).toType(DataType.FLOAT32, false));
    }

    /** Smooth L1 (Huber with threshold 1): 0.5 x^2 below 1 in absolute value, |x| - 0.5 above. */
    static NDArray huber(NDArray x) {
        NDArray abs = x.abs();
        return ai.djl.ndarray.NDArrays.where(lt(abs, 1), mul(x.square(), 0.5), sub(abs, 0.5));
    }
}
