package org.dmlworkbench.store;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.model.Embedder;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.training.TrainedModel;

/**
 * What the folder embedder needs of a model: how images become its input (the same conversion
 * and normalisation as a query), how a batch of inputs becomes embeddings, and the fingerprint
 * the store is stamped with.
 *
 * @param run the run folder, for messages and the manifest
 * @param input "CxHxW", for the manifest
 */
public record ImageModel(String fingerprint, String run, String parametersSha256, String input,
        ConversionPolicy policy, Normalization normalization, BatchEmbedding embedding) {

    /** Embeds {@code n} normalised images (n x C x H x W floats) into n x D floats. */
    @FunctionalInterface
    public interface BatchEmbedding {
        float[] embed(float[] inputs, int n);
    }

    /** A trained run's model; calls into it are serialised (one embedding at a time). */
    public static ImageModel of(TrainedModel model) throws IOException {
        RunManifest.DataInfo data = model.manifest().data();
        ConversionPolicy policy = ConversionPolicy.of(data.channels(), data.height(), data.width());
        Embedder embedder = model.embedder(1);
        BatchEmbedding embedding = (inputs, n) -> {
            synchronized (model) {
                try (NDManager scope = model.manager().newSubManager()) {
                    NDArray batch = scope.create(inputs, new Shape(n, data.channels(), data.height(),
                            data.width()));
                    return embedder.embedBatch(batch);
                }
            }
        };
        return new ImageModel(StoreFingerprint.of(model), model.run().root().toString(),
                model.parameterKey(), StoreFingerprint.input(model), policy, model.normalization(),
                embedding);
    }
}
