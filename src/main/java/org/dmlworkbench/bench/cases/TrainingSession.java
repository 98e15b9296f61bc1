package org.dmlworkbench.bench.cases;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import java.util.List;
import org.dmlworkbench.data.BatchTensors;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.data.ShuffleSampler;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.training.BatchStep;
import org.dmlworkbench.training.StandardStep;
import org.dmlworkbench.config.OptimizerSpec;

/**
 * A model, loss and Adam trainer ready to take the same step a run takes (batch tensors from
 * bytes, forward, loss, backward, optimizer step) on seeded random images with 10 classes.
 */
final class TrainingSession implements AutoCloseable {

    static final int CLASSES = 10;

    private final int batch;
    private final ImageSet images;
    private final Normalization normalization;
    private final List<int[]> batches;
    private final EmbeddingNet net;
    private final Model model;
    private final Trainer trainer;
    private final StandardStep step;
    private int next;

    TrainingSession(ModelSpec spec, int channels, int side, String loss, int batch, Device device) {
        Engine.getInstance().setRandomSeed(42);
        this.batch = batch;
        EmbeddingLoss embeddingLoss = LossFactory.create(loss, null);
        images = SyntheticImages.of(batch * 4, channels, side, CLASSES, 7);
        normalization = Normalization.fit(images);
        batches = new ShuffleSampler(images.size(), batch, 7, true).batches(0);
        net = new EmbeddingNet(spec, channels, embeddingLoss.needsClassifier() ? CLASSES : 0);
        model = Model.newInstance("bench", device);
        try {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(embeddingLoss)
                    .optOptimizer(org.dmlworkbench.training.optim.Optimizers.of(OptimizerSpec.adam(3e-3)))
                    .optDevices(new Device[] {device});
            trainer = model.newTrainer(config);
            Shape input = new Shape(batch, channels, side, side);
            net.initialize(model.getNDManager(), model.getDataType(), input);
            trainer.initialize(input);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        step = new StandardStep(embeddingLoss);
    }

    /** Takes {@code steps} steps and returns the images per second they ran at. */
    double imagesPerSecond(int steps) {
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            int[] indices = batches.get(next++ % batches.size());
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray x = BatchTensors.images(scope, images, indices, normalization);
                NDArray y = BatchTensors.labels(scope, images, indices);
                step.forwardBackward(new BatchStep.Batch(trainer, net, scope, x, y, indices), 0, s + 1);
                trainer.step();
            }
        }
        return steps * (double) batch / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
