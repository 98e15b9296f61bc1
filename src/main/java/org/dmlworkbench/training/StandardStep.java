package org.dmlworkbench.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import org.dmlworkbench.loss.EmbeddingLoss;

/** The usual step: embed the batch, compute the loss on it, back-propagate. */
public final class StandardStep implements BatchStep {

    private final EmbeddingLoss loss;

    public StandardStep(EmbeddingLoss loss) {
        this.loss = loss;
    }

    @Override
    public float forwardBackward(Batch batch, int epoch, int step) {
        try (GradientCollector collector = batch.trainer().newGradientCollector()) {
            NDList predictions = batch.trainer().forward(new NDList(batch.images()));
            NDArray value = loss.evaluate(new NDList(batch.labels()), predictions);
            float loss = value.getFloat();
            BatchStep.checkFinite(loss, batch.net(), predictions.head(), epoch, step);
            collector.backward(value);
            return loss;
        }
    }
}
