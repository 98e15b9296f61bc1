package org.dmlworkbench.run;

/**
 * {@code RUN/status.json}: whether a run is running, finished, stopped (resumable) or failed.
 *
 * @param updated ISO-8601 time of the last change
 */
public record RunStatus(State state, String message, int completedEpochs, int epochs, String updated) {

    public enum State { RUNNING, COMPLETED, STOPPED, FAILED }
}
