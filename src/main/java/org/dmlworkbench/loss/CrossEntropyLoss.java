package org.dmlworkbench.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import java.util.Map;

/**
 * Softmax cross-entropy on the classifier's logits, averaged over the batch; the embeddings are
 * trained only through the classifier. Delegates to DJL's {@link SoftmaxCrossEntropyLoss}
 * (sparse integer labels, raw logits).
 */
public final class CrossEntropyLoss extends EmbeddingLoss {

    private final SoftmaxCrossEntropyLoss delegate;

    public CrossEntropyLoss() {
        this("ce");
    }

    public CrossEntropyLoss(String name) {
        super(name);
        this.delegate = new SoftmaxCrossEntropyLoss(name, 1f, -1, true, true);
    }

    @Override
    public boolean needsClassifier() {
        return true;
    }

    @Override
    public NDArray compute(NDArray embeddings, NDArray labels, NDArray logits) {
        if (logits == null) {
            throw new IllegalStateException(getName() + " needs a classifier head on the model");
        }
        if (logits.getShape().dimension() != 2) {
            throw new IllegalArgumentException("logits must be a (batch, classes) matrix, got "
                    + logits.getShape());
        }
        NDArray flat = checkBatch(logits, labels).toType(DataType.INT64, false);
        long classes = logits.getShape().get(1);
        long smallest = flat.min().getLong();
        long largest = flat.max().getLong();
        if (smallest < 0 || largest >= classes) {
            throw new IllegalArgumentException("labels must lie in [0, " + classes
                    + ") for a classifier with " + classes + " classes, got labels from "
                    + smallest + " to " + largest);
        }
        return delegate.evaluate(new NDList(flat), new NDList(logits));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("input", "logits");
        settings.put("reducer", "mean");
        return settings;
    }
}
