package org.dmlworkbench.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.util.List;

/**
 * The one epoch/step loop: every run's network ({@link MetricTrainer}, whatever the training
 * method), the GEMINI master stage of Guided DML and the training benchmarks take their steps
 * here. It owns what all of them must do the same way: pause and stop between steps, a scope per
 * step, the forward/backward pass handed to a {@link Step}, the {@link GradientGuard}, the
 * optimizer step, loss sums, timing and throughput. What differs (checkpoints, evaluation,
 * learning-rate schedule, progress reports) comes in as {@link Listener}s, in DJL's
 * Trainer/TrainingListener spirit.
 *
 * <p>Positions are {@link Checkpoint.Position}s, so a loop started from a saved position takes
 * exactly the steps an uninterrupted one would (as long as the batches are a pure function of the
 * epoch, which every {@link Batches} here is).
 *
 * @param <B> what one batch is (indices into a training set, a master's triplet batch)
 */
public final class TrainingLoop<B> {

    /** The batches of each epoch. */
    public interface Batches<B> {

        /** The epoch's batches in order: a pure function of the epoch (and the run's seed). */
        List<B> epoch(int epoch);

        /** Images in a batch, for the throughput figure. */
        int images(B batch);

        /** Called before the epoch's first step is taken, from step {@code fromStep}. */
        default void start(int epoch, List<B> batches, int fromStep) {}
    }

    /** The forward and backward pass of one batch. */
    @FunctionalInterface
    public interface Step<B> {

        /**
         * Runs the batch forward, back-propagates into the gradients and returns the loss; throws
         * {@link NonFiniteLossException} when the loss is not finite.
         *
         * @param scope closed after the optimizer step: attach every temporary to it
         * @param step 1-based step within the epoch
         */
        float forwardBackward(B batch, NDManager scope, int epoch, int step);
    }

    /**
     * A step taken.
     *
     * @param step 1-based step within the epoch
     * @param after the position after this step (what a checkpoint taken now would store)
     * @param etaSeconds estimated time to the end of this epoch's steps
     */
    public record StepDone(int epoch, int step, int stepsPerEpoch, float loss,
            double imagesPerSecond, double etaSeconds, Checkpoint.Position after) {

        public boolean lastOfEpoch() {
            return step == stepsPerEpoch;
        }
    }

    /**
     * An epoch's steps all taken.
     *
     * @param meanLoss the mean step loss of the epoch (a resumed epoch's earlier steps included)
     * @param seconds the epoch's training seconds so far
     * @param next the position at the start of the next epoch
     */
    public record EpochDone(int epoch, double meanLoss, double seconds, Checkpoint.Position next) {}

    /** What happens around the steps; every method has a no-op default. */
    public interface Listener {

        /** Before the step numbered {@code globalStep} (0-based): a schedule, a seed. */
        default void beforeStep(long globalStep) {}

        default void afterStep(StepDone done) throws IOException {}

        default void afterEpoch(EpochDone done) throws IOException {}

        /** A stop request ended the loop at {@code position}, before that step was taken. */
        default void stopped(Checkpoint.Position position) throws IOException {}
    }

    /**
     * How the loop ended.
     *
     * @param position where it ended: the next epoch's start when finished, else where it stopped
     */
    public record Ending(boolean stopped, Checkpoint.Position position) {}

    private final Trainer trainer;
    private final Batches<B> batches;
    private final Step<B> step;
    private final GradientGuard guard;
    private final TrainingControl control;
    private final List<Listener> listeners;
    private final ThroughputMeter meter = new ThroughputMeter();

    /**
     * @param listeners told of each event in this order (an evaluation before the checkpoint that
     *     records it, say)
     */
    public TrainingLoop(Trainer trainer, Batches<B> batches, Step<B> step, GradientGuard guard,
            TrainingControl control, List<Listener> listeners) {
        this.trainer = trainer;
        this.batches = batches;
        this.step = step;
        this.guard = guard;
        this.control = control;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * The trainer every loop runs with: the model's block, the loss DJL reports (a step may compute
     * its own), the optimizer, one device. Initialise the block (and load any checkpoint into it)
     * before {@code trainer.initialize}: the trainer's parameter store keeps the arrays it sees.
     */
    public static Trainer newTrainer(Model model, Loss loss, Optimizer optimizer, Device device) {
        return model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(optimizer)
                .optDevices(new Device[] {device}));
    }

    /**
     * Trains from {@code from} to the end of epoch {@code epochs - 1}, or until a stop request.
     *
     * @throws InterruptedException when the thread is interrupted while paused
     */
    public Ending run(Checkpoint.Position from, int epochs) throws IOException, InterruptedException {
        Checkpoint.Position position = from;
        for (int epoch = position.completedEpochs(); epoch < epochs; epoch++) {
            Ending ending = runEpoch(epoch, position);
            if (ending.stopped()) {
                return ending;
            }
            position = ending.position();
        }
        return new Ending(false, position);
    }

    private Ending runEpoch(int epoch, Checkpoint.Position from)
            throws IOException, InterruptedException {
        List<B> epochBatches = batches.epoch(epoch);
        int steps = epochBatches.size();
        double lossSum = from.epochLossSum();
        double seconds = from.epochSeconds();
        long globalStep = from.globalStep();
        meter.reset();
        batches.start(epoch, epochBatches, from.stepInEpoch());
        for (int index = from.stepInEpoch(); index < steps; index++) {
            control.awaitNotPaused();
            if (control.isStopRequested()) {
                Checkpoint.Position here = new Checkpoint.Position(epoch, index, globalStep, lossSum,
                        seconds);
                for (Listener listener : listeners) {
                    listener.stopped(here);
                }
                return new Ending(true, here);
            }
            long t0 = System.nanoTime();
            for (Listener listener : listeners) {
                listener.beforeStep(globalStep);
            }
            B batch = epochBatches.get(index);
            float value = takeStep(batch, epoch, index + 1);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            seconds += elapsed;
            lossSum += value;
            globalStep++;
            meter.add(batches.images(batch), elapsed);
            StepDone done = new StepDone(epoch, index + 1, steps, value, meter.imagesPerSecond(),
                    meter.secondsPerStep() * (steps - index - 1),
                    new Checkpoint.Position(epoch, index + 1, globalStep, lossSum, seconds));
            for (Listener listener : listeners) {
                listener.afterStep(done);
            }
        }
        Checkpoint.Position next = new Checkpoint.Position(epoch + 1, 0, globalStep, 0, 0);
        EpochDone done = new EpochDone(epoch, lossSum / steps, seconds, next);
        for (Listener listener : listeners) {
            listener.afterEpoch(done);
        }
        return new Ending(false, next);
    }

    private float takeStep(B batch, int epoch, int stepInEpoch) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            float value = step.forwardBackward(batch, scope, epoch, stepInEpoch);
            if (!guard.admit(trainer.getModel().getBlock(), scope, epoch, stepInEpoch, value)) {
                return value;
            }
            try {
                trainer.step();
            } catch (IllegalStateException e) {
                // DJL refuses a first step whose gradients are all zero; a batch without a pair
                // to learn from is no error (too few classes is refused before training).
                if (!String.valueOf(e.getMessage()).startsWith("Gradient values are all zeros")) {
                    throw e;
                }
            }
            return value;
        }
    }
}
