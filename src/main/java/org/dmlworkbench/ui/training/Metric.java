package org.dmlworkbench.ui.training;

/** The retrieval metrics charted per epoch, with their display names and metrics.csv columns. */
public enum Metric {
    PRECISION_AT_1("P@1", "precision_at_1"),
    R_PRECISION("R-Precision", "r_precision"),
    MAP_AT_R("MAP@R", "map_at_r"),
    NMI("NMI", "nmi");

    private final String label;
    private final String column;

    Metric(String label, String column) {
        this.label = label;
        this.column = column;
    }

    public String label() {
        return label;
    }

    public String column() {
        return column;
    }
}
