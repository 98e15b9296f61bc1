package org.dmlworkbench.cli;

import java.nio.file.Path;
import org.dmlworkbench.evaluation.RetrievalMetrics;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;

/** Prints training progress: a bar per epoch, then a line of metrics. */
final class ConsoleTrainingObserver implements TrainingObserver {

    private final ConsoleProgressBar bar;
    private int epochs;

    ConsoleTrainingObserver(ConsoleProgressBar bar) {
        this.bar = bar;
    }

    @Override
    public void onStart(Start start) {
        epochs = start.epochs();
        System.err.printf("%s on %s: %,d parameters, %d steps per epoch%n",
                start.resumed() ? "resuming at epoch " + (start.startEpoch() + 1) + " step "
                        + start.startStep() : "training", start.device(), start.parameters(),
                start.stepsPerEpoch());
    }

    @Override
    public void onStep(Step step) {
        String task = "epoch " + (step.epoch() + 1) + "/" + epochs;
        String line = String.format("%s %s steps %.0f img/s ETA %s loss %.4f", task,
                ConsoleProgressBar.bar(step.step(), step.stepsPerEpoch()), step.imagesPerSecond(),
                ConsoleProgressBar.clock(step.etaSeconds()), step.loss());
        bar.show(task, line, step.step() == step.stepsPerEpoch());
    }

    @Override
    public void update(String task, long done, long total, String unit) {
        bar.update(task, done, total, unit);
    }

    @Override
    public void onEpoch(Epoch epoch) {
        bar.finishLine();
        RetrievalMetrics m = epoch.metrics();
        String metrics = m == null ? "not evaluated"
                : String.format("P@1 %.4f  R-Prec %.4f  MAP@R %.4f  NMI %.4f", m.precisionAt1(),
                        m.rPrecision(), m.mapAtR(), m.nmi());
        System.err.printf("epoch %d/%d: loss %.4f  %s  (%.1f s)%n", epoch.epoch() + 1, epochs,
                epoch.trainLoss(), metrics, epoch.seconds());
    }

    @Override
    public void onCheckpoint(Path file, int epoch, int step) {
        // Silent: checkpoints are frequent; the final summary names the run folder.
    }

    @Override
    public void onWarning(String message) {
        bar.finishLine();
        System.err.println("warning: " + message);
    }

    @Override
    public void onFinish(TrainingOutcome outcome) {
        bar.finishLine();
        // a failure is printed once, as the command's error
        if (outcome.status() != TrainingOutcome.Status.FAILED) {
            System.err.println(outcome.message());
        }
    }
}
