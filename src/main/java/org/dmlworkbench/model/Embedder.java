package org.dmlworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.types.Shape;
import org.dmlworkbench.data.BatchLoader;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/** Embeds image sets with a network in inference mode (batch norm uses its running statistics). */
public final class Embedder {

    private final Block net;
    private final Normalization normalization;
    private final NDManager manager;
    private final int batchSize;

    public Embedder(Block net, Normalization normalization, NDManager manager, int batchSize) {
        this.net = net;
        this.normalization = normalization;
        this.manager = manager;
        this.batchSize = batchSize;
    }

    public Embeddings embed(ImageSet images, ProgressListener progress, Cancellation cancel) {
        int total = images.size();
        float[] out = null;
        int dim = 0;
        ParameterStore store = new ParameterStore(manager, false);
        // the next batches are read (and decoded, for sets streamed from files) while one embeds
        try (BatchLoader loader = BatchLoader.inOrder(images, normalization, batchSize)) {
            for (int from = 0; from < total; from += batchSize) {
                cancel.throwIfCancelled();
                int to = Math.min(total, from + batchSize);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray batch = scope.create(loader.next(), new Shape(to - from, images.channels(),
                            images.height(), images.width()));
                    float[] rows = embedBatch(store, batch);
                    if (out == null) {
                        dim = rows.length / (to - from);
                        out = new float[total * dim];
                    }
                    System.arraycopy(rows, 0, out, from * dim, rows.length);
                }
                progress.update("embed", to, total, "images");
            }
        }
        return out == null ? new Embeddings(new float[0], 0, 1) : new Embeddings(out, total, dim);
    }

    /** Embeds one prepared (B, C, H, W) batch, returning B*D floats row-major. */
    public float[] embedBatch(NDArray batch) {
        return embedBatch(new ParameterStore(manager, false), batch);
    }

    private float[] embedBatch(ParameterStore store, NDArray batch) {
        NDList result = net.forward(store, new NDList(batch), false);
        return result.head().toFloatArray();
    }
}
