package org.dmlworkbench.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import org.dmlworkbench.model.EmbeddingNet;

/**
 * The forward and backward pass of one batch: how the model is run and what loss it is given.
 * The plain metric-learning step, the two-pass large-batch step and the teacher-guided steps
 * differ only here; the loop, the optimizer step, checkpoints and evaluation are shared.
 */
public interface BatchStep extends AutoCloseable {

    /**
     * One batch.
     *
     * @param images (B, C, H, W) normalised images, owned by {@code scope}
     * @param labels (B) INT64 labels, owned by {@code scope}
     * @param indices the batch's indices into the training set (for per-image targets)
     * @param scope closed after the optimizer step: attach every temporary to it
     */
    record Batch(Trainer trainer, EmbeddingNet net, NDManager scope, NDArray images, NDArray labels,
            int[] indices) {}

    /**
     * Runs the batch forward, back-propagates the loss into the parameters' gradients and returns
     * the loss value. When the loss is not finite it must throw {@link NonFiniteLossException}
     * through {@link #checkFinite} before back-propagating.
     */
    float forwardBackward(Batch batch, int epoch, int step);

    /** Releases what the step holds (a teacher network, targets); nothing by default. */
    @Override
    default void close() {}

    /** Throws when {@code value} is NaN or infinite, naming what was already broken. */
    static void checkFinite(float value, EmbeddingNet net, NDArray embeddings, int epoch, int step) {
        if (!Float.isFinite(value)) {
            throw new NonFiniteLossException(epoch, step, value, NonFiniteLossException.diagnose(net, embeddings));
        }
    }
}
