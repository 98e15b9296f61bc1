package org.dmlworkbench.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.dmlworkbench.data.BatchLoader;
import org.dmlworkbench.data.BatchSampler;
import org.dmlworkbench.data.BatchTensors;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.evaluation.RetrievalMetrics;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelFiles;
import org.dmlworkbench.model.ModelSummary;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.MetricsLog;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunLock;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.training.optim.CheckpointableOptimizer;
import org.dmlworkbench.training.optim.Optimizers;
import org.dmlworkbench.config.TrainingConfig;

/**
 * Trains an {@link EmbeddingNet} with a metric-learning loss into a run folder, evaluating
 * retrieval as epochs end. Resumable: every checkpoint holds parameters, optimizer state and the
 * position in the epoch, and batches are a pure function of (seed, epoch), so a resumed run
 * computes exactly what an uninterrupted one would.
 */
public final class MetricTrainer implements TrainingJob {

    private final RunDirectory run;
    private final RunManifest manifest;
    private final Dataset dataset;
    private final TrainingObserver observer;
    private final TrainingControl control;
    /** Epochs finished so far; what a failure records in status.json. */
    private int completedEpochs;

    private MetricTrainer(RunDirectory run, RunManifest manifest, Dataset dataset,
            TrainingObserver observer, TrainingControl control) {
        this.run = run;
        this.manifest = manifest;
        this.dataset = dataset;
        this.observer = observer;
        this.control = control;
    }

    /**
     * A new run: checks that the config can train on the data, then claims the folder (refusing
     * to overwrite another run or a user's files) and writes config.json. Nothing is written when
     * a check fails.
     */
    public static MetricTrainer create(RunDirectory run, TrainingConfig config, Dataset dataset,
            TrainingObserver observer, TrainingControl control) throws IOException {
        RunManifest manifest = RunSetup.manifest(config, dataset);
        RunSetup.checkCanTrain(config, dataset);
        run.claimForNewRun();
        try (RunLock lock = RunLock.acquire(run)) {
            run.writeManifest(manifest);
            BackboneSetup.keepImportedFile(config, run);
            run.writeStatus(RunStatus.State.RUNNING, "created", 0, config.epochs());
        }
        return new MetricTrainer(run, manifest, dataset, observer, control);
    }

    /**
     * Continues a run from its last good checkpoint (or from scratch when none was written).
     *
     * @throws IOException, touching nothing, when the run is already complete
     */
    public static MetricTrainer resume(RunDirectory run, Dataset dataset, TrainingObserver observer,
            TrainingControl control) throws IOException {
        RunManifest manifest = run.readManifest();
        refuseIfComplete(run, manifest);
        String fingerprint = dataset.fingerprint();
        if (!fingerprint.equals(manifest.data().fingerprint())) {
            throw new IOException("the data '" + dataset.name() + "' differs from the data this run"
                    + " was trained on (fingerprint " + fingerprint + " vs "
                    + manifest.data().fingerprint() + "); resume it with the same data");
        }
        return new MetricTrainer(run, manifest, dataset, observer, control);
    }

    private static void refuseIfComplete(RunDirectory run, RunManifest manifest) throws IOException {
        if (!Files.isRegularFile(run.statusFile())) {
            return;
        }
        RunStatus status = run.readStatus();
        if (status.state() == RunStatus.State.COMPLETED) {
            throw new IOException(run + " is complete (" + status.completedEpochs() + "/"
                    + manifest.config().epochs() + " epochs): there is nothing to resume. Its model"
                    + " is " + run.modelFile().getFileName() + "; to train longer, start a new run"
                    + " with more --epochs");
        }
    }

    @Override
    public RunManifest manifest() {
        return manifest;
    }

    /**
     * Trains under the run's lock (another job cannot train the same folder at the same time);
     * any failure, setup included, is recorded in status.json before it is rethrown.
     */
    @Override
    public TrainingOutcome run() throws IOException {
        try (RunLock lock = RunLock.acquire(run)) {
            run.removeStaleTemporaryFiles();
            try {
                return train();
            } catch (IOException | RuntimeException e) {
                run.writeStatus(RunStatus.State.FAILED, failureMessage(e), completedEpochs,
                        manifest.config().epochs());
                throw e;
            }
        }
    }

    private static String failureMessage(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private TrainingOutcome train() throws IOException {
        TrainingConfig config = manifest.config();
        Device device = Devices.resolve(config.device());
        // Seed before any parameter exists: initialisation draws from the engine's generator.
        Engine.getInstance().setRandomSeed((int) config.seed());
        EmbeddingLoss loss = RunSetup.loss(config);
        ImageSet train = dataset.train();
        Normalization normalization = manifest.normalization();
        CheckpointableOptimizer optimizer = Optimizers.of(config.optimizer());
        BatchSampler sampler = RunSetup.sampler(config, train);
        int stepsPerEpoch = sampler.batches(0).size();
        try (RunNetwork network = RunNetwork.forRun(manifest, run.backboneFile(), device, true);
                Model model = Model.newInstance("dml-workbench", device)) {
            EmbeddingNet net = network.net();
            model.setBlock(net);
            DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(loss)
                    .optOptimizer(optimizer)
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(djlConfig)) {
                Shape inputShape = new Shape(config.batchSize(), train.channels(), train.height(),
                        train.width());
                // The checkpoint must be in the parameters before trainer.initialize: the
                // trainer's parameter store keeps the arrays it sees there for good.
                net.initialize(model.getNDManager(), model.getDataType(), inputShape);
                Checkpoint.Position position = Checkpoint.Position.start();
                boolean resumed = run.hasCheckpoint();
                if (resumed) {
                    position = Checkpoint.load(Checkpoint.latestGood(run, observer::onWarning, true),
                            net, optimizer, model.getNDManager());
                } else {
                    BackboneSetup.loadStartingWeights(config, net, model.getNDManager(), device);
                }
                completedEpochs = position.completedEpochs();
                trainer.initialize(inputShape);
                MetricsLog.truncate(run.metricsFile(), position.completedEpochs());
                observer.onStart(new TrainingObserver.Start(position.completedEpochs(),
                        position.stepInEpoch(), config.epochs(), stepsPerEpoch,
                        Devices.describe(device), ModelSummary.trainableParameters(net), resumed));
                run.writeStatus(RunStatus.State.RUNNING, resumed ? "resumed" : "started",
                        position.completedEpochs(), config.epochs());
                try (BatchStep step = RunSetup.batchStep(config, loss, dataset, device);
                        BatchLoader loader = new BatchLoader(train, normalization, config.augment(),
                                config.seed(), BatchLoader.defaultWorkers(), BatchLoader.DEFAULT_PREFETCH)) {
                    Loop loop = new Loop(trainer, net, optimizer, step, sampler, loader, stepsPerEpoch);
                    return loop.run(position);
                }
            }
        }
    }

    /** The epoch/step loop with its bookkeeping; one instance per {@link #run()}. */
    private final class Loop {
        private final Trainer trainer;
        private final EmbeddingNet net;
        private final CheckpointableOptimizer optimizer;
        private final BatchStep batchStep;
        private final BatchSampler sampler;
        private final BatchLoader loader;
        private final int stepsPerEpoch;
        private final TrainingConfig config = manifest.config();
        private final ThroughputMeter meter = new ThroughputMeter();
        private long lastCheckpointNanos = System.nanoTime();
        private RetrievalMetrics lastMetrics;

        Loop(Trainer trainer, EmbeddingNet net, CheckpointableOptimizer optimizer, BatchStep batchStep,
                BatchSampler sampler, BatchLoader loader, int stepsPerEpoch) {
            this.trainer = trainer;
            this.net = net;
            this.optimizer = optimizer;
            this.batchStep = batchStep;
            this.sampler = sampler;
            this.loader = loader;
            this.stepsPerEpoch = stepsPerEpoch;
        }

        TrainingOutcome run(Checkpoint.Position start) throws IOException {
            Checkpoint.Position position = start;
            try {
                for (int epoch = position.completedEpochs(); epoch < config.epochs(); epoch++) {
                    position = runEpoch(epoch, position);
                    if (position == null) {
                        return stopped(epoch);
                    }
                }
            } catch (NonFiniteLossException e) {
                String message = e.getMessage() + " Resuming would repeat the same steps: train a"
                        + " new run with a lower --lr (this run used "
                        + config.optimizer().learningRate() + "; try half of it).";
                run.writeStatus(RunStatus.State.FAILED, message, lastCompleted(), config.epochs());
                return finish(new TrainingOutcome(TrainingOutcome.Status.FAILED, message,
                        lastCompleted(), lastMetrics));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stopped(lastCompleted());
            }
            if (config.epochs() == 0) {
                // the untrained baseline: the initialised network, evaluated as a trained one is
                lastMetrics = RunSetup.evaluate(net, manifest.normalization(), dataset, config.evalGallery(),
                        trainer.getManager(), phases());
            }
            ModelFiles.save(net, run.modelFile());
            run.writeEval(RunSetup.evalDocument(manifest, lastMetrics));
            run.writeStatus(RunStatus.State.COMPLETED, "completed", config.epochs(), config.epochs());
            int skipped = gradientGuard.skippedSteps();
            return finish(new TrainingOutcome(TrainingOutcome.Status.COMPLETED, "completed "
                    + config.epochs() + " epochs" + (skipped > 0 ? " (" + skipped
                    + " steps with a non-finite gradient skipped)" : ""), config.epochs(), lastMetrics));
        }

        private final GradientGuard gradientGuard = new GradientGuard("the gradients", "");

        private int lastCompleted() {
            return completedEpochs;
        }

        /** Runs (the rest of) one epoch; null when a stop request ended it early. */
        private Checkpoint.Position runEpoch(int epoch, Checkpoint.Position from)
                throws IOException, InterruptedException {
            completedEpochs = epoch;
            List<int[]> batches = sampler.batches(epoch);
            double lossSum = from.epochLossSum();
            double seconds = from.epochSeconds();
            long globalStep = from.globalStep();
            meter.reset();
            loader.start(epoch, batches, from.stepInEpoch());
            for (int step = from.stepInEpoch(); step < batches.size(); step++) {
                control.awaitNotPaused();
                if (control.isStopRequested()) {
                    checkpoint(new Checkpoint.Position(epoch, step, globalStep, lossSum, seconds));
                    return null;
                }
                long t0 = System.nanoTime();
                optimizer.setLearningRate((float) config.optimizer().learningRateAt(globalStep,
                        (long) stepsPerEpoch * config.epochs()));
                // What a step draws (Metrix's lambda, SiMix's coefficients) depends on (seed,
                // step) only, so a resumed run draws what the uninterrupted one drew.
                Engine.getInstance().setRandomSeed(stepSeed(config.seed(), globalStep));
                float value = trainStep(batches.get(step), epoch, step + 1);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                seconds += elapsed;
                lossSum += value;
                globalStep++;
                meter.add(batches.get(step).length, elapsed);
                observer.onStep(new TrainingObserver.Step(epoch, step + 1, batches.size(), globalStep,
                        value, meter.imagesPerSecond(),
                        meter.secondsPerStep() * (batches.size() - step - 1)));
                if (checkpointDue(globalStep) && step + 1 < batches.size()) {
                    checkpoint(new Checkpoint.Position(epoch, step + 1, globalStep, lossSum, seconds));
                }
            }
            double trainLoss = lossSum / batches.size();
            boolean evaluate = (epoch + 1) % config.evalEvery() == 0 || epoch + 1 == config.epochs();
            long evalStart = System.nanoTime();
            RetrievalMetrics metrics = evaluate ? RunSetup.evaluate(net, manifest.normalization(), dataset,
                    config.evalGallery(), trainer.getManager(), phases()) : null;
            seconds += (System.nanoTime() - evalStart) / 1e9;
            if (metrics != null) {
                lastMetrics = metrics;
            }
            MetricsLog.append(run.metricsFile(), RunSetup.metricsEntry(epoch + 1, trainLoss, metrics,
                    seconds));
            Checkpoint.Position next = new Checkpoint.Position(epoch + 1, 0, globalStep, 0, 0);
            checkpoint(next);
            completedEpochs = epoch + 1;
            observer.onEpoch(new TrainingObserver.Epoch(epoch, trainLoss, metrics, seconds));
            return next;
        }

        static int stepSeed(long runSeed, long globalStep) {
            return (int) new java.util.SplittableRandom(runSeed * 0x9E3779B97F4A7C15L + globalStep)
                    .nextLong();
        }

        private float trainStep(int[] batch, int epoch, int step) {
            ImageSet train = dataset.train();
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray images = scope.create(loader.next(), new Shape(batch.length, train.channels(),
                        train.height(), train.width()));
                NDArray labels = BatchTensors.labels(scope, train, batch);
                float value = batchStep.forwardBackward(
                        new BatchStep.Batch(trainer, net, scope, images, labels, batch), epoch, step);
                if (!gradientGuard.admit(net, scope, epoch, step, value)) {
                    return value;
                }
                try {
                    trainer.step();
                } catch (IllegalStateException e) {
                    // DJL refuses a first step whose gradients are all zero; a batch without a
                    // pair to learn from is no error (too few classes is refused before training).
                    if (!String.valueOf(e.getMessage()).startsWith("Gradient values are all zeros")) {
                        throw e;
                    }
                }
                return value;
            }
        }

        private boolean checkpointDue(long globalStep) {
            boolean bySteps = config.checkpointEverySteps() > 0
                    && globalStep % config.checkpointEverySteps() == 0;
            boolean byTime = (System.nanoTime() - lastCheckpointNanos) / 1e9 >= config.checkpointSeconds();
            return bySteps || byTime;
        }

        private void checkpoint(Checkpoint.Position position) throws IOException {
            Checkpoint.save(run, position, net, optimizer);
            lastCheckpointNanos = System.nanoTime();
            observer.onCheckpoint(run.checkpointFile(), position.completedEpochs(),
                    position.stepInEpoch());
        }

        private TrainingOutcome stopped(int epoch) throws IOException {
            // The stop keeps a usable model too: the current parameters, mid-epoch or not.
            ModelFiles.save(net, run.modelFile());
            String message = "stopped during epoch " + (epoch + 1) + "; resume with 'train --resume "
                    + run.root() + "'";
            run.writeStatus(RunStatus.State.STOPPED, message, lastCompleted(), config.epochs());
            return finish(new TrainingOutcome(TrainingOutcome.Status.STOPPED, message,
                    lastCompleted(), lastMetrics));
        }

        private TrainingOutcome finish(TrainingOutcome outcome) {
            observer.onFinish(outcome);
            return outcome;
        }
    }


    /** Embedding and evaluation progress, as the observer's phases. */
    private ProgressListener phases() {
        return (task, done, total, unit) -> observer.onPhase(task, done, total);
    }
}
