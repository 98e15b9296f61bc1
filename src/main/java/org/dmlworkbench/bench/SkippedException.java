package org.dmlworkbench.bench;

/** Thrown by a case that cannot run here (e.g. its data set is absent); the message says why. */
public final class SkippedException extends Exception {

    private static final long serialVersionUID = 1L;

    public SkippedException(String reason) {
        super(reason);
    }
}
