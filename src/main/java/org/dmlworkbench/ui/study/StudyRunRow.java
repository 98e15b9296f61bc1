package org.dmlworkbench.ui.study;

/**
 * One run of the open study as the table shows it.
 *
 * @param reason why the run failed (the trainer's sentence), "" otherwise
 */
public record StudyRunRow(String id, String status, String metric, String seconds, String reason) {

    public StudyRunRow withStatus(String newStatus, String newReason) {
        return new StudyRunRow(id, newStatus, metric, seconds, newReason);
    }
}
