package org.dmlworkbench.guided;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.data.BatchTensors;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.model.ModelFiles;
import org.dmlworkbench.model.ModelSummary;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.training.Checkpoint;
import org.dmlworkbench.training.GradientGuard;
import org.dmlworkbench.training.NonFiniteLossException;
import org.dmlworkbench.training.StepOwnedLoss;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingLoop;

/**
 * Stage 1 of Guided DML: trains the GEMINI master with class-pair triplets and plain SGD, then
 * embeds every training image through its own class stream and the global head (Z-hat), and saves
 * both. The stage is short and keeps no mid-stage checkpoint: a stop discards it, and the next
 * run of the pipeline trains the master again from its beginning (same seed, same result).
 */
public final class MasterTraining {

    private static final int EMBED_BATCH = 256;

    /** @param targets Z-hat, (N, dim) row-major; null when the stage was stopped */
    public record Result(boolean stopped, float[] targets, List<Double> epochLosses) {}

    private final ImageSet train;
    private final Normalization normalization;
    private final GuidedSettings settings;
    private final int dim;
    private final long seed;
    private final Device device;
    private GradientGuard guard;

    public MasterTraining(ImageSet train, Normalization normalization, GuidedSettings settings,
            int dim, long seed, Device device) {
        this.train = train;
        this.normalization = normalization;
        this.settings = settings;
        this.dim = dim;
        this.seed = seed;
        this.device = device;
    }

    /**
     * Trains, embeds and saves into {@code out} (master.json last), unless a stop is requested
     * between two steps. Steps are taken by the shared {@link TrainingLoop}.
     */
    public Result run(MasterFiles out, TrainingControl control, ProgressListener progress)
            throws IOException {
        guard = new GradientGuard("the guided master's gradients", "; lower guided.master-lr");
        Engine.getInstance().setRandomSeed((int) seed);
        float[] constraints = settings.constraints() == null ? null
                : ConstraintPoints.read(settings.constraints(), train.labelBound(), dim);
        ClassPairTripletSampler sampler = new ClassPairTripletSampler(train.labels(),
                settings.triplets(), seed);
        GeminiMaster master = new GeminiMaster(train.labelBound(), train.channels(), dim);
        GeminiLoss loss = new GeminiLoss(settings.beta(), settings.margin());
        List<Double> epochLosses = new ArrayList<>();
        try (Model model = Model.newInstance("gemini-master", device)) {
            model.setBlock(master);
            // Before the trainer exists: its default initializer (Xavier) would also be given to
            // the PReLU slopes, which are scalars; initialised here, each layer keeps its own.
            Shape input = new Shape(1, train.channels(), train.height(), train.width());
            master.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, input);
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(
                    Tracker.fixed((float) settings.masterLearningRate())).build();
            try (Trainer trainer = TrainingLoop.newTrainer(model,
                    new StepOwnedLoss("gemini", settings.describe()), sgd, device)) {
                trainer.initialize(input);
                TrainingLoop.Batches<ClassPairTripletSampler.TripletBatch> batches =
                        new TrainingLoop.Batches<>() {
                            @Override
                            public List<ClassPairTripletSampler.TripletBatch> epoch(int epoch) {
                                return sampler.batches(epoch);
                            }

                            @Override
                            public int images(ClassPairTripletSampler.TripletBatch batch) {
                                return 3 * batch.anchors().length;
                            }
                        };
                TrainingLoop.Listener reports = new TrainingLoop.Listener() {
                    @Override
                    public void afterStep(TrainingLoop.StepDone done) {
                        progress.update("guided master epoch " + (done.epoch() + 1) + "/"
                                + settings.masterEpochs(), done.step(), done.stepsPerEpoch(), "steps");
                    }

                    @Override
                    public void afterEpoch(TrainingLoop.EpochDone done) {
                        epochLosses.add(done.meanLoss());
                    }
                };
                TrainingLoop<ClassPairTripletSampler.TripletBatch> loop = new TrainingLoop<>(trainer,
                        batches, (batch, scope, epoch, step) -> forwardBackward(trainer, loss, batch,
                                constraints, scope, epoch, step), guard, control, List.of(reports));
                TrainingLoop.Ending ending;
                try {
                    ending = loop.run(Checkpoint.Position.start(), settings.masterEpochs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(true, null, epochLosses);
                }
                if (ending.stopped()) {
                    return new Result(true, null, epochLosses);
                }
                float[] targets = embed(master, trainer.getManager());
                save(out, master, sampler, targets, epochLosses);
                return new Result(false, targets, epochLosses);
            }
        }
    }

    /** The GEMINI loss of one class-pair triplet batch, back-propagated. */
    private float forwardBackward(Trainer trainer, GeminiLoss loss,
            ClassPairTripletSampler.TripletBatch batch, float[] constraints, NDManager scope,
            int epoch, int step) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray anchors = BatchTensors.images(scope, train, batch.anchors(), normalization);
            NDArray positives = BatchTensors.images(scope, train, batch.positives(), normalization);
            NDArray pair = scope.create(new long[] {batch.anchorClass(), batch.negativeClass()});
            NDArray value;
            if (constraints == null) {
                NDArray negatives = BatchTensors.images(scope, train, batch.negatives(), normalization);
                NDList out = trainer.forward(new NDList(anchors, positives, negatives, pair));
                value = loss.compute(out.get(0), out.get(1), out.get(2), out.get(3), out.get(4));
            } else {
                NDList out = trainer.forward(new NDList(anchors, positives, pair));
                float[] point = new float[dim];
                System.arraycopy(constraints, batch.negativeClass() * dim, point, 0, dim);
                value = loss.computeWithConstraint(out.get(0), out.get(1), out.get(2), out.get(3),
                        scope.create(point));
            }
            float result = value.getFloat();
            if (!Float.isFinite(result)) {
                throw new NonFiniteLossException(epoch, step, result,
                        "in the guided master stage; lower guided.master-lr");
            }
            collector.backward(value);
            return result;
        }
    }

    /** Z-hat: each training image through the stream of its own class, then the global head. */
    float[] embed(GeminiMaster master, NDManager manager) {
        float[] out = new float[train.size() * dim];
        int[] labels = train.labels();
        for (int k = 0; k < master.classes(); k++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == k) {
                    members.add(i);
                }
            }
            for (int from = 0; from < members.size(); from += EMBED_BATCH) {
                int[] indices = members.subList(from, Math.min(members.size(), from + EMBED_BATCH))
                        .stream().mapToInt(Integer::intValue).toArray();
                try (NDManager scope = manager.newSubManager()) {
                    NDArray images = BatchTensors.images(scope, train, indices, normalization);
                    float[] rows = master.forward(new ParameterStore(scope, false),
                            new NDList(images, scope.create(new long[] {k})), false)
                            .singletonOrThrow().toFloatArray();
                    for (int r = 0; r < indices.length; r++) {
                        System.arraycopy(rows, r * dim, out, indices[r] * dim, dim);
                    }
                }
            }
        }
        return out;
    }

    private void save(MasterFiles out, GeminiMaster master, ClassPairTripletSampler sampler,
            float[] targets, List<Double> epochLosses) throws IOException {
        Files.createDirectories(out.root());
        Files.deleteIfExists(out.summary());
        ModelFiles.save(master, out.parameters());
        new NpyMatrix(train.size(), dim, targets).write(out.targets());
        Map<String, Object> summary = new LinkedHashMap<>(settings.describe());
        summary.put("classes", master.classes());
        summary.put("dim", dim);
        summary.put("seed", seed);
        summary.put("parameters", ModelSummary.trainableParameters(master));
        summary.put("tripletsPerBatch", sampler.tripletsPerBatch());
        summary.put("batchesPerEpoch", sampler.batchesPerEpoch());
        summary.put("normalization", "the run's own (mean/std of the training set)");
        summary.put("epochLosses", epochLosses);
        summary.put("skippedSteps", guard.skippedSteps());
        summary.put("targets", "targets.npy: training images in data order, each through its own"
                + " class stream and the global head");
        Json.write(out.summary(), summary);
    }
}
