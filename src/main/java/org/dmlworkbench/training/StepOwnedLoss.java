package org.dmlworkbench.training;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.dmlworkbench.loss.EmbeddingLoss;

/**
 * Stands in for the loss DJL's trainer is configured with when a method's {@code BatchStep}
 * computes its own loss (a teacher's targets, a master's targets), so the trainer never needs a
 * metric loss that the method does not use. Calling it is a programming error.
 */
public final class StepOwnedLoss extends EmbeddingLoss {

    private final Map<String, Object> description;

    public StepOwnedLoss(String name, Map<String, Object> description) {
        super(name);
        this.description = Map.copyOf(description);
    }

    @Override
    public NDArray compute(NDArray embeddings, NDArray labels, NDArray logits) {
        throw new IllegalStateException("the loss '" + getName() + "' needs more than the batch's"
                + " embeddings and is computed by its method's batch step");
    }

    @Override
    public Map<String, Object> describe() {
        return description;
    }
}
