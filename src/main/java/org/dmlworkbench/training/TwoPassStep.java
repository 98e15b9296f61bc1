package org.dmlworkbench.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.loss.EmbeddingLoss;

/**
 * Batches far larger than memory allows in one graph (Patel, Tolias, Matas, CVPR 2022):
 * <ol>
 *   <li>embed the whole batch in chunks of {@code chunkSize} images, without a graph;</li>
 *   <li>compute the loss on all embeddings, held as a leaf, and back-propagate it to get dL/dE;</li>
 *   <li>re-embed each chunk with a graph and back-propagate sum(E_chunk * dL/dE_chunk), which
 *       adds exactly that chunk's share of dL/dparameters;</li>
 *   <li>the loop's single optimizer step follows.</li>
 * </ol>
 * Only the activations of one chunk are alive at a time, at the price of a second forward pass.
 * Parameter gradients equal the one-pass ones for any model whose output for an image does not
 * depend on the other images of its forward call. BatchNorm in training mode does: it normalises
 * with the statistics of each chunk (not of the whole batch) and updates its running statistics
 * once per chunk in each pass. The loss must not need a classifier head (its logits would need
 * the same treatment; none of the retrieval losses this step is meant for reads them).
 */
public final class TwoPassStep implements BatchStep {

    private final EmbeddingLoss loss;
    private final int chunkSize;

    public TwoPassStep(EmbeddingLoss loss, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("--chunk must be >= 1 for two-pass training, got "
                    + chunkSize);
        }
        if (loss.needsClassifier()) {
            throw new IllegalArgumentException("two-pass training (--chunk " + chunkSize + ") "
                    + "works only with losses that need no classifier; '" + loss.getName()
                    + "' reads the logits: drop the ce term or train without --chunk");
        }
        this.loss = loss;
        this.chunkSize = chunkSize;
    }

    @Override
    public float forwardBackward(Batch batch, int epoch, int step) {
        NDArray images = batch.images();
        long size = images.getShape().get(0);
        NDArray embeddings = embedWithoutGraph(batch, size);
        embeddings.setRequiresGradient(true);
        float value;
        NDArray embeddingGradient;
        try (GradientCollector collector = batch.trainer().newGradientCollector()) {
            NDArray result = loss.evaluate(new NDList(batch.labels()), new NDList(embeddings));
            value = result.getFloat();
            BatchStep.checkFinite(value, batch.net(), embeddings, epoch, step);
            collector.backward(result);
            embeddingGradient = embeddings.getGradient().duplicate();
        }
        embeddingGradient.attach(batch.scope());
        try (GradientCollector collector = batch.trainer().newGradientCollector()) {
            for (long from = 0; from < size; from += chunkSize) {
                long to = Math.min(size, from + chunkSize);
                try (NDManager chunkScope = batch.scope().newSubManager()) {
                    NDArray chunk = slice(images, from, to, chunkScope);
                    NDArray chunkEmbeddings = batch.trainer().forward(new NDList(chunk)).head();
                    NDArray chunkGradient = slice(embeddingGradient, from, to, chunkScope);
                    collector.backward(chunkEmbeddings.mul(chunkGradient).sum());
                }
            }
        }
        return value;
    }

    /** Pass 1: no gradient collector is open, so the engine records no graph. */
    private NDArray embedWithoutGraph(Batch batch, long size) {
        List<NDArray> parts = new ArrayList<>();
        for (long from = 0; from < size; from += chunkSize) {
            long to = Math.min(size, from + chunkSize);
            try (NDManager chunkScope = batch.scope().newSubManager()) {
                NDArray chunk = slice(batch.images(), from, to, chunkScope);
                NDArray part = batch.trainer().forward(new NDList(chunk)).head().stopGradient();
                part.attach(batch.scope());
                parts.add(part);
            }
        }
        NDArray all = parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(new NDList(parts), 0);
        all.attach(batch.scope());
        parts.forEach(NDArray::close);
        return all;
    }

    private static NDArray slice(NDArray array, long from, long to, NDManager scope) {
        NDArray part = array.get(new NDIndex("{}:{}", from, to));
        part.attach(scope);
        return part;
    }
}
