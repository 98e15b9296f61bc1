package org.dmlworkbench.loss.reducers;

import static org.dmlworkbench.tensor.Scalars.gt;
import static org.dmlworkbench.tensor.Scalars.max;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Mean over the terms that are present and strictly positive (pytorch-metric-learning's
 * {@code AvgNonZeroReducer}); 0 when there are none. Hinge losses (contrastive, triplet, margin)
 * are mostly zero once training progresses, and a plain mean would shrink their gradient with the
 * number of satisfied terms; averaging only over the active ones keeps its scale.
 */
public final class AvgNonZeroReducer implements Reducer {

    @Override
    public NDArray reduce(NDArray losses, NDArray mask) {
        NDArray kept = Reducer.keep(losses, mask);
        NDArray active = gt(kept, 0).toType(DataType.FLOAT32, false).sum();
        return kept.sum().div(max(active, 1));
    }

    @Override
    public String describe() {
        return "avg-non-zero";
    }
}
