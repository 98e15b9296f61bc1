package org.dmlworkbench.training;

import org.dmlworkbench.evaluation.RetrievalMetrics;

/**
 * How a run ended.
 *
 * @param finalMetrics the last evaluation, or null when none ran
 */
public record TrainingOutcome(Status status, String message, int completedEpochs,
        RetrievalMetrics finalMetrics) {

    /** COMPLETED: all epochs ran; STOPPED: on request, resumable; FAILED: see the message. */
    public enum Status { COMPLETED, STOPPED, FAILED }

    public boolean completed() {
        return status == Status.COMPLETED;
    }
}
