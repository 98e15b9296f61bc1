package org.dmlworkbench.loss.reducers;

import static org.dmlworkbench.tensor.Scalars.max;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Mean over the terms that are present, zero or not; 0 when there are none. */
public final class MeanReducer implements Reducer {

    @Override
    public NDArray reduce(NDArray losses, NDArray mask) {
        NDArray kept = Reducer.keep(losses, mask);
        NDArray present = mask.toType(DataType.FLOAT32, false).sum();
        return kept.sum().div(max(present, 1));
    }

    @Override
    public String describe() {
        return "mean";
    }
}
