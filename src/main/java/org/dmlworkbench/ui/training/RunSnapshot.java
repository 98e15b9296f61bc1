package org.dmlworkbench.ui.training;

import java.io.IOException;
import java.util.List;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;

/**
 * What the Training panel shows of a run it is not training: its per-epoch curves and state.
 *
 * @param status the run's status.json, or null when it has none
 * @param sampling how the run drew its batches, as its manifest records it (null in runs of
 *     earlier versions)
 */
public record RunSnapshot(int epochs, List<EpochRow> rows, RunStatus status, String sampling) {

    public static RunSnapshot read(RunDirectory run) throws IOException {
        org.dmlworkbench.run.RunManifest manifest = run.readManifest();
        int epochs = manifest.config().epochs();
        List<EpochRow> rows = EpochRow.read(run);
        RunStatus status = null;
        if (java.nio.file.Files.exists(run.statusFile())) {
            status = run.readStatus();
        }
        return new RunSnapshot(epochs, rows, status, manifest.sampling());
    }

    /** "Batches: 32 classes × 4 images per class (batch 128)", or what the run recorded. */
    public String batches() {
        return batches(sampling);
    }

    /** {@link #batches()} of a recorded sampling. */
    static String batches(String sampling) {
        BatchComposition composition = BatchComposition.parse(sampling);
        if (composition != null) {
            return "This run's batches: " + composition.text();
        }
        return sampling == null ? "This run's batches: not recorded (a run of an earlier version)"
                : "This run's batches: " + sampling;
    }

    /** A run that did not complete can be continued from its checkpoint (or from scratch). */
    public boolean resumable() {
        return status == null || status.state() != RunStatus.State.COMPLETED;
    }

    /** One sentence about how the run stands. */
    public String describe() {
        if (status == null) {
            return "No status recorded: resumable";
        }
        String progress = status.completedEpochs() + "/" + status.epochs() + " epochs";
        switch (status.state()) {
            case COMPLETED:
                return "Completed " + progress;
            case STOPPED:
                return "Stopped after " + progress + ": resumable";
            case FAILED:
                return "Failed after " + progress + ": " + status.message();
            default:
                return "Marked running after " + progress
                        + " (interrupted, or training elsewhere): resumable";
        }
    }

    /** "good", "warn" or "error", for styling. */
    public String kind() {
        if (status == null) {
            return "warn";
        }
        switch (status.state()) {
            case COMPLETED:
                return "good";
            case FAILED:
                return "error";
            default:
                return "warn";
        }
    }
}
