package org.dmlworkbench.progress;

/** Thrown by work that noticed its {@link Cancellation} was cancelled. */
public final class CancelledException extends RuntimeException {

    public CancelledException() {
        super("cancelled");
    }
}
