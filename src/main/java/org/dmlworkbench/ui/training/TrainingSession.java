package org.dmlworkbench.ui.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.TrainingJob;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.UiErrors;

/**
 * One training run on its own daemon thread. The trainer's events go to an {@link EventInbox};
 * the end (normal or not) goes to {@code onEnd} on the training thread, exactly once.
 */
final class TrainingSession {

    /** Builds the trainer on the training thread (it reads data and writes the run folder). */
    @FunctionalInterface
    interface TrainerFactory {
        TrainingJob create(TrainingObserver observer, TrainingControl control) throws Exception;
    }

    /**
     * How a session ended.
     *
     * @param resumable the run folder holds a run that can be continued
     */
    record End(RunDirectory run, TrainingOutcome outcome, boolean resumable) {}

    private final RunDirectory run;
    private final TrainingControl control = new TrainingControl();
    private final EventInbox inbox;
    private final Thread thread;
    private volatile int completedEpochs;

    TrainingSession(RunDirectory run, EventInbox inbox, TrainerFactory factory, Consumer<End> onEnd) {
        this.run = run;
        this.inbox = inbox;
        this.thread = new Thread(() -> onEnd.accept(train(factory)), "workbench-training");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    RunDirectory run() {
        return run;
    }

    void pause() {
        control.pause();
    }

    void resume() {
        control.resume();
    }

    /** Asks the trainer to stop after its current step, writing a checkpoint first. */
    void stop() {
        control.stop();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** Stops and waits up to {@code timeout} for the checkpoint; true when the thread ended. */
    boolean stopAndWait(Duration timeout) throws InterruptedException {
        control.stop();
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    private End train(TrainerFactory factory) {
        TrainingOutcome outcome;
        try {
            outcome = factory.create(new Forwarder(), control).run();
        } catch (Throwable e) {
            outcome = new TrainingOutcome(TrainingOutcome.Status.FAILED, UiErrors.describe(e),
                    completedEpochs, null);
        }
        boolean resumable = outcome.status() != TrainingOutcome.Status.COMPLETED && run.exists();
        return new End(run, outcome, resumable);
    }

    /** Hands events to the inbox; never throws, or the trainer would die with it. */
    private final class Forwarder implements TrainingObserver {
        @Override
        public void onStart(Start start) {
            completedEpochs = start.startEpoch();
            inbox.start(start);
        }

        @Override
        public void onStep(Step step) {
            inbox.step(step);
        }

        @Override
        public void update(String task, long done, long total, String unit) {
            inbox.phase(task, done, total);
        }

        @Override
        public void onEpoch(Epoch epoch) {
            completedEpochs = epoch.epoch() + 1;
            inbox.epoch(epoch);
        }

        @Override
        public void onCheckpoint(Path file, int epoch, int step) {
            // Nothing to show: the outcome says whether a checkpoint exists.
        }
    }
}
