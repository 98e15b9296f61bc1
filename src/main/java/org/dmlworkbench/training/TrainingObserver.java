package org.dmlworkbench.training;

import java.nio.file.Path;
import org.dmlworkbench.evaluation.RetrievalMetrics;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Events of a training run, delivered on the training thread. The CLI prints them, the GUI
 * forwards them to its own thread; neither may block for long. Long phases besides steps
 * (evaluation, embedding, the guided master stage) arrive as {@link ProgressListener} updates, the
 * one progress shape of the engine.
 */
public interface TrainingObserver extends ProgressListener {

    /** Where the run starts from and how big it is. */
    record Start(int startEpoch, int startStep, int epochs, int stepsPerEpoch, String device,
            long parameters, boolean resumed) {}

    /**
     * One optimisation step.
     *
     * @param epoch 0-based epoch
     * @param step 1-based step within the epoch
     * @param imagesPerSecond recent training throughput
     * @param etaSeconds estimated time to the end of this epoch's steps
     */
    record Step(int epoch, int step, int stepsPerEpoch, long globalStep, float loss,
            double imagesPerSecond, double etaSeconds) {}

    /** A finished epoch; {@code metrics} is null when the epoch was not evaluated. */
    record Epoch(int epoch, double trainLoss, RetrievalMetrics metrics, double seconds) {}

    default void onStart(Start start) {}

    default void onStep(Step step) {}

    /** Long phases besides steps (evaluation, embedding), with their own counts. */
    @Override
    default void update(String task, long done, long total, String unit) {}

    default void onEpoch(Epoch epoch) {}

    default void onCheckpoint(Path file, int epoch, int step) {}

    /** Something the user should know that does not stop the run (a damaged checkpoint set aside). */
    default void onWarning(String message) {}

    default void onFinish(TrainingOutcome outcome) {}

    TrainingObserver NONE = new TrainingObserver() {};
}
