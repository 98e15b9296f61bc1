package org.dmlworkbench.ui.training;

import java.util.Locale;
import org.dmlworkbench.training.TrainingObserver;

/** The words and numbers of the training progress line. */
public final class ProgressText {

    private ProgressText() {}

    /** Share of the run's steps done, in [0, 1]. */
    public static double fraction(TrainingObserver.Step step, int epochs) {
        double done = (double) step.epoch() * step.stepsPerEpoch() + step.step();
        return Math.min(1, done / ((double) epochs * step.stepsPerEpoch()));
    }

    /**
     * Seconds until the run's last step: the rest of this epoch (the trainer's estimate) plus the
     * later epochs at this epoch's pace. Evaluation time is not included.
     */
    public static double runEtaSeconds(TrainingObserver.Step step, int epochs) {
        int left = step.stepsPerEpoch() - step.step();
        double perStep = left > 0 ? step.etaSeconds() / left : Double.NaN;
        int laterEpochs = epochs - step.epoch() - 1;
        if (laterEpochs <= 0) {
            return step.etaSeconds();
        }
        if (Double.isNaN(perStep)) {
            return Double.NaN;
        }
        return step.etaSeconds() + perStep * laterEpochs * step.stepsPerEpoch();
    }

    /** "epoch 2/5 · step 120/468 · 1,834 img/s · ETA 0:42". */
    public static String of(TrainingObserver.Step step, int epochs) {
        return position(step, epochs) + String.format(Locale.ROOT, " · %s img/s · ETA %s",
                String.format(Locale.US, "%,.0f", step.imagesPerSecond()),
                clock(runEtaSeconds(step, epochs)));
    }

    /** "epoch 2/5 · step 120/468": where a run stands, without the pace (paused, stopped). */
    public static String position(TrainingObserver.Step step, int epochs) {
        return String.format(Locale.ROOT, "epoch %d/%d · step %d/%d",
                step.epoch() + 1, epochs, step.step(), step.stepsPerEpoch());
    }

    /** "embed test 256/500 images" style line for work between epochs. */
    public static String phase(int epoch, int epochs, String name, long done, long total) {
        String count = total > 0 ? " " + done + "/" + total : "";
        return String.format(Locale.ROOT, "epoch %d/%d · %s%s", epoch + 1, epochs, name, count);
    }

    /** m:ss, or h:mm:ss from an hour on; "–" when unknown. */
    public static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "–";
        }
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total / 60 % 60;
        long secs = total % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }
}
