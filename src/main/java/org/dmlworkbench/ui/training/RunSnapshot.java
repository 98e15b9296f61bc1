package org.dmlworkbench.ui.training;

import java.io.IOException;
import java.util.List;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;

/**
 * What the Training panel shows of a run it is not training: its per-epoch curves and state.
 *
 * @param status the run's status.json, or null when it has none
 */
public record RunSnapshot(int epochs, List<EpochRow> rows, RunStatus status) {

    public static RunSnapshot read(RunDirectory run) throws IOException {
        int epochs = run.readManifest().config().epochs();
        List<EpochRow> rows = EpochRow.read(run);
        RunStatus status = null;
        if (java.nio.file.Files.exists(run.statusFile())) {
            status = run.readStatus();
        }
        return new RunSnapshot(epochs, rows, status);
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
