package org.dmlworkbench.ui.training;

import java.util.Locale;
import org.dmlworkbench.training.TrainingOutcome;

/** The sentence and style shown when a training run ends. */
final class OutcomeText {

    private OutcomeText() {}

    static String of(TrainingOutcome outcome) {
        switch (outcome.status()) {
            case COMPLETED:
                int epochs = outcome.completedEpochs();
                return "Completed " + epochs + (epochs == 1 ? " epoch" : " epochs") + finalP1(outcome);
            case STOPPED:
                return "Stopped during epoch " + (outcome.completedEpochs() + 1)
                        + ": checkpoint and model saved, resumable";
            default:
                return "Failed: " + outcome.message();
        }
    }

    /** "good", "warn" or "error". */
    static String kind(TrainingOutcome outcome) {
        switch (outcome.status()) {
            case COMPLETED:
                return "good";
            case STOPPED:
                return "warn";
            default:
                return "error";
        }
    }

    private static String finalP1(TrainingOutcome outcome) {
        if (outcome.finalMetrics() == null || Double.isNaN(outcome.finalMetrics().precisionAt1())) {
            return "";
        }
        return String.format(Locale.ROOT, " · P@1 %.4f", outcome.finalMetrics().precisionAt1());
    }
}
