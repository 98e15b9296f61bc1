package org.dmlworkbench.ui.training;

import javafx.animation.AnimationTimer;

/**
 * Measures how smoothly the window keeps drawing: the longest interval between two JavaFX pulses
 * while it runs (a pulse is the frame tick, 60 per second when the UI thread is free).
 */
public final class FrameGapMeter extends AnimationTimer {

    private long last;
    private long maxGapNanos;
    private long frames;
    private long slowFrames;

    @Override
    public void handle(long now) {
        if (last != 0) {
            maxGapNanos = Math.max(maxGapNanos, now - last);
            if (now - last > 100_000_000L) {
                slowFrames++;
            }
        }
        last = now;
        frames++;
    }

    public double maxGapMillis() {
        return maxGapNanos / 1e6;
    }

    public long frames() {
        return frames;
    }

    /** Frames that came more than 100 ms after the one before. */
    public long slowFrames() {
        return slowFrames;
    }
}
