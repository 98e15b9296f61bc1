package org.dmlworkbench.progress;

/** A flag long work polls between units; cancelling is cooperative and never interrupts I/O. */
public final class Cancellation {

    private volatile boolean cancelled;

    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
