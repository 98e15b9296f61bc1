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
import java.util.Locale;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.Repeats;
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
import org.dmlworkbench.training.optim.OptimizerSpec;

/**
 * Training throughput in images/s: the same step a run takes (batch tensors from bytes,
 * forward, loss, backward, Adam step), on seeded random images with 10 classes.
 */
public final class TrainingThroughputCase implements BenchCase {

    private static final int CLASSES = 10;

    private final String label;
    private final ModelSpec model;
    private final int channels;
    private final int side;
    private final String loss;
    private final int batch;
    private final int stepsPerRepeat;
    private final int warmups;
    private final int repeats;

    /**
     * @param label the model's name in the table (e.g. "hybrid1 full-res")
     * @param stepsPerRepeat optimisation steps timed together as one measurement
     */
    public TrainingThroughputCase(String label, ModelSpec model, int channels, int side, String loss,
            int batch, int stepsPerRepeat, int warmups, int repeats) {
        this.label = label;
        this.model = model;
        this.channels = channels;
        this.side = side;
        this.loss = loss;
        this.batch = batch;
        this.stepsPerRepeat = stepsPerRepeat;
        this.warmups = warmups;
        this.repeats = repeats;
    }

    @Override
    public String name() {
        return "train " + label + " " + SyntheticImages.shape(channels, side) + " " + loss;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Engine.getInstance().setRandomSeed(42);
        EmbeddingLoss embeddingLoss = LossFactory.create(loss, null);
        ImageSet images = SyntheticImages.of(batch * Math.max(2, stepsPerRepeat), channels, side,
                CLASSES, 7);
        Normalization normalization = Normalization.fit(images);
        List<int[]> batches = new ShuffleSampler(images.size(), batch, 7, true).batches(0);
        EmbeddingNet net = new EmbeddingNet(model, channels,
                embeddingLoss.needsClassifier() ? CLASSES : 0);
        Device device = context.device();
        try (Model djlModel = Model.newInstance("bench", device)) {
            djlModel.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(embeddingLoss)
                    .optOptimizer(OptimizerSpec.adam(3e-3).build())
                    .optDevices(new Device[] {device});
            try (Trainer trainer = djlModel.newTrainer(config)) {
                Shape input = new Shape(batch, channels, side, side);
                net.initialize(djlModel.getNDManager(), djlModel.getDataType(), input);
                trainer.initialize(input);
                StandardStep step = new StandardStep(embeddingLoss);
                int[] counter = {0};
                double[] rates = Repeats.run(warmups, repeats, () -> {
                    long start = System.nanoTime();
                    for (int s = 0; s < stepsPerRepeat; s++) {
                        int[] indices = batches.get(counter[0]++ % batches.size());
                        try (NDManager scope = trainer.getManager().newSubManager()) {
                            NDArray x = BatchTensors.images(scope, images, indices, normalization);
                            NDArray y = BatchTensors.labels(scope, images, indices);
                            step.forwardBackward(new BatchStep.Batch(trainer, net, scope, x, y,
                                    indices), 0, s + 1);
                            trainer.step();
                        }
                    }
                    return stepsPerRepeat * (double) batch / ((System.nanoTime() - start) / 1e9);
                });
                String size = String.format(Locale.ROOT, "batch %d, %d steps x %d", batch,
                        stepsPerRepeat, repeats);
                return List.of(new BenchResult(name(), size, BenchStats.of(rates), "images/s", ""));
            }
        }
    }
}
