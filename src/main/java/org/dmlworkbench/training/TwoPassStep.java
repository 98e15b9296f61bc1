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
 *
 * <p>Chunks mix the batch's classes: before it is cut, the batch is reordered with a stride of n
 * (the number of chunks), so items next to each other land in different chunks and the class
 * blocks an m-per-class sampler writes spread over every chunk, instead of each chunk holding a
 * few classes (the loss does not depend on the order).
 *
 * <p>What equality holds: the gradients are exactly those of one graph that embeds each chunk in
 * its own forward call and computes the loss on all the embeddings. For a model whose output for
 * an image does not depend on the other images of its forward call, that is the one-pass
 * gradient. With BatchNorm in training mode it is not: each chunk is normalised with its own
 * statistics (as in any chunked or multi-device training). Running statistics are updated once
 * per chunk, as that graph would: the first pass's updates are undone. The loss must not need a
 * classifier head (its logits would need the same treatment; none of the retrieval losses this
 * step is meant for reads them).
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
        long size = batch.images().getShape().get(0);
        NDArray order = batch.scope().create(mixedOrder((int) size, chunkSize));
        NDArray images = batch.images().get(order);
        NDArray labels = batch.labels().get(order);
        List<RunningStatistic> saved = RunningStatistic.save(batch.trainer().getModel().getBlock());
        NDArray embeddings = embedWithoutGraph(batch, images, size);
        RunningStatistic.restore(saved);
        embeddings.setRequiresGradient(true);
        float value;
        NDArray embeddingGradient;
        try (GradientCollector collector = batch.trainer().newGradientCollector()) {
            NDArray result = loss.evaluate(new NDList(labels), new NDList(embeddings));
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

    /** The batch's positions with a stride of n chunks: k, k + n, k + 2n, ... for k = 0..n-1. */
    static long[] mixedOrder(int size, int chunkSize) {
        int chunks = (size + chunkSize - 1) / chunkSize;
        long[] order = new long[size];
        int at = 0;
        for (int k = 0; k < chunks; k++) {
            for (int i = k; i < size; i += chunks) {
                order[at++] = i;
            }
        }
        return order;
    }

    /** Pass 1: no gradient collector is open, so the engine records no graph. */
    private NDArray embedWithoutGraph(Batch batch, NDArray images, long size) {
        List<NDArray> parts = new ArrayList<>();
        for (long from = 0; from < size; from += chunkSize) {
            long to = Math.min(size, from + chunkSize);
            try (NDManager chunkScope = batch.scope().newSubManager()) {
                NDArray chunk = slice(images, from, to, chunkScope);
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

    /**
     * A batch norm's running mean or variance, copied so the first pass's update can be undone:
     * the second pass updates it once per chunk, as a graph that embeds each chunk once would.
     */
    private record RunningStatistic(NDArray array, NDArray copy) {

        static List<RunningStatistic> save(ai.djl.nn.Block net) {
            List<RunningStatistic> saved = new ArrayList<>();
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> parameter : net.getParameters()) {
                ai.djl.nn.Parameter.Type type = parameter.getValue().getType();
                if (type == ai.djl.nn.Parameter.Type.RUNNING_MEAN
                        || type == ai.djl.nn.Parameter.Type.RUNNING_VAR) {
                    NDArray array = parameter.getValue().getArray();
                    NDArray copy = array.duplicate();
                    copy.detach();
                    saved.add(new RunningStatistic(array, copy));
                }
            }
            return saved;
        }

        static void restore(List<RunningStatistic> saved) {
            for (RunningStatistic statistic : saved) {
                statistic.array().set(new NDIndex("..."), statistic.copy());
                statistic.copy().close();
            }
        }
    }
}
