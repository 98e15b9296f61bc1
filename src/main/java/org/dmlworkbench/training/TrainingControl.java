package org.dmlworkbench.training;

/**
 * Pause, resume and stop requests from another thread (UI, signal handler). The trainer polls it
 * between steps, so a request takes effect after the current step.
 */
public final class TrainingControl {

    private final Object lock = new Object();
    private boolean paused;
    private volatile boolean stopRequested;

    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    public void resume() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    /** Stop after the current step; the trainer writes a checkpoint first. */
    public void stop() {
        synchronized (lock) {
            stopRequested = true;
            lock.notifyAll();
        }
    }

    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    /** Blocks the training thread while paused; returns at once when a stop is requested. */
    void awaitNotPaused() throws InterruptedException {
        synchronized (lock) {
            while (paused && !stopRequested) {
                lock.wait();
            }
        }
    }
}
