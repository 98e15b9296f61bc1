package org.dmlworkbench.bench.cases;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
import org.dmlworkbench.training.Checkpoint;
import org.dmlworkbench.training.GradientGuard;
import org.dmlworkbench.training.StandardStep;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingLoop;
import org.dmlworkbench.training.optim.Optimizers;
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
            trainer = TrainingLoop.newTrainer(model, embeddingLoss,
                    Optimizers.of(OptimizerSpec.adam(3e-3)), device);
            Shape input = new Shape(batch, channels, side, side);
            net.initialize(model.getNDManager(), model.getDataType(), input);
            trainer.initialize(input);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        step = new StandardStep(embeddingLoss);
    }

    /**
     * Takes {@code steps} steps through the shared {@link TrainingLoop} (guard, optimizer step and
     * all) and returns the images per second they ran at.
     */
    double imagesPerSecond(int steps) {
        List<int[]> taken = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            taken.add(batches.get(next++ % batches.size()));
        }
        TrainingLoop.Batches<int[]> source = new TrainingLoop.Batches<>() {
            @Override
            public List<int[]> epoch(int epoch) {
                return taken;
            }

            @Override
            public int images(int[] indices) {
                return indices.length;
            }
        };
        TrainingLoop<int[]> loop = new TrainingLoop<>(trainer, source, (indices, scope, epoch, s) -> {
            NDArray x = BatchTensors.images(scope, images, indices, normalization);
            NDArray y = BatchTensors.labels(scope, images, indices);
            return step.forwardBackward(new BatchStep.Batch(trainer, net, scope, x, y, indices), epoch, s);
        }, new GradientGuard("the gradients", ""), new TrainingControl(), List.of());
        long start = System.nanoTime();
        try {
            loop.run(Checkpoint.Position.start(), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // no listener writes anything: cannot happen
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        }
        return steps * (double) batch / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
