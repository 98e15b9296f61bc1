package org.dmlworkbench.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * A loss on a batch of embeddings (and, for classification terms, logits). Predictions arrive as
 * {@code NDList(embeddings[, logits])} and labels as {@code NDList(labels)}, so every loss plugs
 * into DJL's {@link Loss} machinery and into {@link WeightedSumLoss}.
 */
public abstract class EmbeddingLoss extends Loss {

    protected EmbeddingLoss(String name) {
        super(name);
    }

    /**
     * @param embeddings (B, D) float embeddings, L2-normalised unless the model says otherwise
     * @param labels (B) integer class labels
     * @param logits (B, classes) classifier output, or null when the model has no classifier
     * @return a scalar loss
     */
    public abstract NDArray compute(NDArray embeddings, NDArray labels, NDArray logits);

    /** True when this loss reads the logits, so the model must carry a classifier. */
    public boolean needsClassifier() {
        return false;
    }

    @Override
    public final NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.size() > 1 ? predictions.get(1) : null;
        if (needsClassifier() && logits == null) {
            throw new IllegalStateException(getName() + " needs a classifier head on the model");
        }
        return compute(predictions.get(0), labels.head(), logits);
    }
}
