package org.dmlworkbench.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The loss when a frozen teacher's embeddings of the same batch are at hand (asymmetric
     * transfer). A loss of the model's own space ignores them.
     *
     * @param teacher (B, D') the teacher's embeddings without gradient, or null when there is
     *     no teacher
     */
    public NDArray compute(NDArray embeddings, NDArray labels, NDArray logits, NDArray teacher) {
        return compute(embeddings, labels, logits);
    }

    /** True when this loss compares with a teacher's embeddings ({@link TeacherLoss}). */
    public boolean needsTeacher() {
        return false;
    }

    /**
     * True when the loss compares student and teacher vectors directly, so both spaces must have
     * the same dimension. False for losses of the model's own space and for relational ones.
     */
    public boolean comparesVectorsAcrossSpaces() {
        return false;
    }

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

    /**
     * The loss's effective settings (hyper-parameters, distance, miner, reducer) for a run's
     * config; subclasses add theirs to this map.
     */
    public Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("class", getClass().getSimpleName());
        return settings;
    }

    /**
     * Checks a batch and returns its labels as a flat (B) integer vector.
     *
     * @throws IllegalArgumentException when embeddings are not (B, D) or labels do not hold B
     *     integers
     */
    protected static NDArray checkBatch(NDArray embeddings, NDArray labels) {
        if (embeddings.getShape().dimension() != 2) {
            throw new IllegalArgumentException("embeddings must be a (batch, dim) matrix, got "
                    + "shape " + embeddings.getShape());
        }
        long batch = embeddings.getShape().get(0);
        if (labels.size() != batch) {
            throw new IllegalArgumentException("got " + labels.size() + " labels for " + batch
                    + " embeddings (labels shape " + labels.getShape() + ")");
        }
        DataType type = labels.getDataType();
        if (type != DataType.INT64 && type != DataType.INT32 && type != DataType.INT8
                && type != DataType.UINT8) {
            throw new IllegalArgumentException("labels must be integers (INT64), got " + type);
        }
        return labels.reshape(batch);
    }
}
