package org.dmlworkbench.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
import org.dmlworkbench.io.Json;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelFiles;
import org.dmlworkbench.model.ModelSummary;
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
     * A run resumes exactly as it started, or not at all: when this build would train its config
     * differently (a default changed since the build that started it: say Metrix's mixing), the
     * loss description it recorded and the one computed now differ, and the resume is refused.
     */
    private static void refuseIfTrainedDifferently(RunDirectory run, RunManifest manifest)
            throws IOException {
        com.google.gson.JsonElement recorded = Json.gson().toJsonTree(manifest.lossParameters());
        com.google.gson.JsonElement now = Json.gson().toJsonTree(RunSetup.lossDescription(manifest.config()));
        if (!recorded.equals(now)) {
            throw new IOException(run + " was started by a build (workbench "
                    + manifest.workbenchVersion() + ") that trains it differently from this one: it"
                    + " recorded the loss and mixing settings " + recorded + ", this build would use "
                    + now + "; resume it with the build that started it, or start a new run");
        }
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
        refuseIfTrainedDifferently(run, manifest);
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
            try (Trainer trainer = TrainingLoop.newTrainer(model, loss, optimizer, device)) {
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
                    return new RunLoop(trainer, net, optimizer, step, sampler, loader, stepsPerEpoch)
                            .run(position);
                }
            }
        }
    }

    /**
     * One {@link #run()}'s use of the shared {@link TrainingLoop}: the run's batches and step, and
     * its listeners in order (the schedule, the epoch's evaluation and metrics line, the
     * checkpoint that covers them, then the observer).
     */
    private final class RunLoop implements TrainingLoop.Listener {
        private final Trainer trainer;
        private final EmbeddingNet net;
        private final CheckpointableOptimizer optimizer;
        private final BatchStep batchStep;
        private final BatchLoader loader;
        private final TrainingConfig config = manifest.config();
        private final GradientGuard gradientGuard = new GradientGuard("the gradients", "");
        private final TrainingLoop<int[]> loop;
        private final long totalSteps;
        private RetrievalMetrics lastMetrics;
        private RetrievalMetrics epochMetrics;
        private double epochSeconds;

        RunLoop(Trainer trainer, EmbeddingNet net, CheckpointableOptimizer optimizer, BatchStep batchStep,
                BatchSampler sampler, BatchLoader loader, int stepsPerEpoch) {
            this.trainer = trainer;
            this.net = net;
            this.optimizer = optimizer;
            this.batchStep = batchStep;
            this.loader = loader;
            this.totalSteps = (long) stepsPerEpoch * config.epochs();
            TrainingLoop.Batches<int[]> batches = new TrainingLoop.Batches<>() {
                @Override
                public List<int[]> epoch(int epoch) {
                    return sampler.batches(epoch);
                }

                @Override
                public int images(int[] batch) {
                    return batch.length;
                }

                @Override
                public void start(int epoch, List<int[]> epochBatches, int fromStep) {
                    loader.start(epoch, epochBatches, fromStep);
                }
            };
            RunCheckpoints checkpoints = new RunCheckpoints(run, net, optimizer,
                    config.checkpointEverySteps(), config.checkpointSeconds(), observer);
            this.loop = new TrainingLoop<>(trainer, batches, this::forwardBackward, gradientGuard,
                    control, List.of(this, checkpoints, new ObserverEvents()));
        }

        TrainingOutcome run(Checkpoint.Position start) throws IOException {
            try {
                TrainingLoop.Ending ending = loop.run(start, config.epochs());
                if (ending.stopped()) {
                    return stopped(ending.position().completedEpochs());
                }
            } catch (NonFiniteLossException e) {
                String message = e.getMessage() + " Resuming would repeat the same steps: train a"
                        + " new run with a lower --lr (this run used "
                        + config.optimizer().learningRate() + "; try half of it).";
                run.writeStatus(RunStatus.State.FAILED, message, completedEpochs, config.epochs());
                return finish(new TrainingOutcome(TrainingOutcome.Status.FAILED, message,
                        completedEpochs, lastMetrics));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stopped(completedEpochs);
            }
            if (config.epochs() == 0 || lastMetrics == null) {
                // the untrained baseline, or a run resumed after its last epoch's checkpoint (it
                // was stopped before it was marked complete): the network as it is, evaluated
                lastMetrics = RunSetup.evaluate(net, manifest.normalization(), dataset, config.evalGallery(),
                        trainer.getManager(), observer);
            }
            ModelFiles.save(net, run.modelFile());
            run.writeEval(RunSetup.evalDocument(manifest, lastMetrics));
            run.writeStatus(RunStatus.State.COMPLETED, "completed", config.epochs(), config.epochs());
            int skipped = gradientGuard.skippedSteps();
            return finish(new TrainingOutcome(TrainingOutcome.Status.COMPLETED, "completed "
                    + config.epochs() + " epochs" + (skipped > 0 ? " (" + skipped
                    + " steps with a non-finite gradient skipped)" : ""), config.epochs(), lastMetrics));
        }

        /** The learning rate of the step, and its random draws. */
        @Override
        public void beforeStep(long globalStep) {
            optimizer.setLearningRate((float) config.optimizer().learningRateAt(globalStep, totalSteps));
            // What a step draws (Metrix's lambda, SiMix's coefficients) depends on (seed, step)
            // only, so a resumed run draws what the uninterrupted one drew.
            Engine.getInstance().setRandomSeed(stepSeed(config.seed(), globalStep));
        }

        /** The epoch's evaluation (when due) and its metrics line, before its checkpoint. */
        @Override
        public void afterEpoch(TrainingLoop.EpochDone done) throws IOException {
            int epoch = done.epoch();
            boolean evaluate = (epoch + 1) % config.evalEvery() == 0 || epoch + 1 == config.epochs();
            long evalStart = System.nanoTime();
            epochMetrics = evaluate ? RunSetup.evaluate(net, manifest.normalization(), dataset,
                    config.evalGallery(), trainer.getManager(), observer) : null;
            epochSeconds = done.seconds() + (System.nanoTime() - evalStart) / 1e9;
            if (epochMetrics != null) {
                lastMetrics = epochMetrics;
            }
            MetricsLog.append(run.metricsFile(), RunSetup.metricsEntry(epoch + 1, done.meanLoss(),
                    epochMetrics, epochSeconds));
        }

        private float forwardBackward(int[] batch, NDManager scope, int epoch, int step) {
            ImageSet train = dataset.train();
            NDArray images = scope.create(loader.next(), new Shape(batch.length, train.channels(),
                    train.height(), train.width()));
            NDArray labels = BatchTensors.labels(scope, train, batch);
            return batchStep.forwardBackward(new BatchStep.Batch(trainer, net, scope, images, labels,
                    batch), epoch, step);
        }

        private TrainingOutcome stopped(int epoch) throws IOException {
            // The stop keeps a usable model too: the current parameters, mid-epoch or not.
            ModelFiles.save(net, run.modelFile());
            String message = "stopped during epoch " + (epoch + 1) + "; resume with 'train --resume "
                    + run.root() + "'";
            run.writeStatus(RunStatus.State.STOPPED, message, completedEpochs, config.epochs());
            return finish(new TrainingOutcome(TrainingOutcome.Status.STOPPED, message,
                    completedEpochs, lastMetrics));
        }

        private TrainingOutcome finish(TrainingOutcome outcome) {
            observer.onFinish(outcome);
            return outcome;
        }

        /** The run's events as the observer sees them, after the checkpoint that covers them. */
        private final class ObserverEvents implements TrainingLoop.Listener {
            @Override
            public void afterStep(TrainingLoop.StepDone done) {
                observer.onStep(new TrainingObserver.Step(done.epoch(), done.step(),
                        done.stepsPerEpoch(), done.after().globalStep(), done.loss(),
                        done.imagesPerSecond(), done.etaSeconds()));
            }

            @Override
            public void afterEpoch(TrainingLoop.EpochDone done) {
                completedEpochs = done.epoch() + 1;
                observer.onEpoch(new TrainingObserver.Epoch(done.epoch(), done.meanLoss(),
                        epochMetrics, epochSeconds));
            }
        }
    }

    static int stepSeed(long runSeed, long globalStep) {
        return (int) new java.util.SplittableRandom(runSeed * 0x9E3779B97F4A7C15L + globalStep)
                .nextLong();
    }
}
