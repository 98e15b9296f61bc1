package org.dmlworkbench.ui.study;

/** One group's mean and 95% confidence interval for the chosen metric, as text for the table. */
public record StudySummaryRow(String group, int n, String mean, String sd, String interval, String paper) {}
