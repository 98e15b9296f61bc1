package org.dmlworkbench.ui.map;

/** Whose embeddings the map shows; the master's are offered for guided runs only. */
public enum MapSpace {
    STUDENT("Student (this run's model)"), MASTER("Master (Z-hat, training split)");

    private final String label;

    MapSpace(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
