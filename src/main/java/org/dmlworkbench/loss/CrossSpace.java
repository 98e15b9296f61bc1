package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.lt;
import static org.dmlworkbench.tensor.Scalars.mul;
import static org.dmlworkbench.tensor.Scalars.sub;
import static org.dmlworkbench.tensor.Scalars.subFrom;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.dmlworkbench.loss.distances.EuclideanDistance;

/** What the relational losses share: distances within one space, and the Huber penalty. */
final class CrossSpace {

    private CrossSpace() {}

    /** (B, B) Euclidean distances within one space with an exact zero diagonal. */
    static NDArray selfDistances(NDArray x) {
        return new EuclideanDistance().matrix(x).mul(offDiagonal(x));
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
