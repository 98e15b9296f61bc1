package org.dmlworkbench.ui.training;

import java.util.Locale;
import javafx.beans.property.StringProperty;
import org.dmlworkbench.training.TrainingObserver;

/**
 * The progress line under the Training panel's bar. While training it gives the rate and the
 * ETA; while paused or stopping it says where the run stands and what it is doing, without a
 * rate and an ETA that would stand still and turn false. Used on the JavaFX thread only.
 */
final class ProgressLine {

    private enum Mode { TRAINING, PAUSED, STOPPING }

    private final StringProperty text;
    private Mode mode = Mode.TRAINING;
    private TrainingObserver.Step lastStep;
    private int epochs = 1;
    /** What the run does now (a phase, a message), shown as it is in every mode; null after a step. */
    private String activity;

    ProgressLine(StringProperty text) {
        this.text = text;
    }

    /** A new training: a message until its first events arrive. */
    void begin(String message) {
        mode = Mode.TRAINING;
        lastStep = null;
        activity = message;
        show();
    }

    void epochs(int count) {
        epochs = Math.max(1, count);
    }

    /** The newest step (and so the run's position). */
    TrainingObserver.Step lastStep() {
        return lastStep;
    }

    void step(TrainingObserver.Step step) {
        lastStep = step;
        activity = null;
        show();
    }

    /** Work between steps, e.g. "embed test 256/500". */
    void phase(String name, long done, long total) {
        int epoch = lastStep != null ? lastStep.epoch() : 0;
        activity = ProgressText.phase(epoch, epochs, name, done, total);
        show();
    }

    /** The trainer has started (or resumed) at this position. */
    void started(TrainingObserver.Start start) {
        epochs(start.epochs());
        activity = String.format(Locale.ROOT, "epoch %d/%d · %s", start.startEpoch() + 1, start.epochs(),
                start.resumed() ? "resumed at step " + start.startStep() : "starting");
        show();
    }

    void paused() {
        mode = Mode.PAUSED;
        show();
    }

    void resumed() {
        mode = Mode.TRAINING;
        show();
    }

    void stopping() {
        mode = Mode.STOPPING;
        show();
    }

    /** The training has ended; {@code ending} is how ("stopped"), or null for no word. */
    void ended(String ending) {
        mode = Mode.TRAINING;
        String where = activity != null ? activity
                : lastStep != null ? ProgressText.position(lastStep, epochs) : "";
        text.set(ending == null ? where : where.isEmpty() ? ending : where + " · " + ending);
    }

    /** Replaces the line (a finished or loaded run). */
    void set(String line) {
        mode = Mode.TRAINING;
        lastStep = null;
        activity = line;
        text.set(line);
    }

    private void show() {
        String now;
        if (activity != null) {
            now = activity;
        } else if (lastStep == null) {
            now = "";
        } else if (mode == Mode.TRAINING) {
            now = ProgressText.of(lastStep, epochs);
        } else {
            now = ProgressText.position(lastStep, epochs);
        }
        String suffix = switch (mode) {
            case PAUSED -> " · paused";
            case STOPPING -> " · stopping: saving a checkpoint";
            default -> "";
        };
        text.set(now + suffix);
    }
}
