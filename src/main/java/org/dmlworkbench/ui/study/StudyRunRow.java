package org.dmlworkbench.ui.study;

/** One run of the open study as the table shows it. */
public record StudyRunRow(String id, String status, String metric, String seconds) {

    public StudyRunRow withStatus(String newStatus) {
        return new StudyRunRow(id, newStatus, metric, seconds);
    }
}
