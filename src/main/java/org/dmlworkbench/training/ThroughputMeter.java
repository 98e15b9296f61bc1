package org.dmlworkbench.training;

/** Recent images per second, smoothed so the progress bar does not jitter. */
final class ThroughputMeter {

    private static final double SMOOTHING = 0.1;
    private double secondsPerStep = Double.NaN;
    private double imagesPerSecond = Double.NaN;

    void reset() {
        secondsPerStep = Double.NaN;
        imagesPerSecond = Double.NaN;
    }

    void add(int images, double seconds) {
        double rate = images / Math.max(seconds, 1e-9);
        secondsPerStep = Double.isNaN(secondsPerStep) ? seconds
                : (1 - SMOOTHING) * secondsPerStep + SMOOTHING * seconds;
        imagesPerSecond = Double.isNaN(imagesPerSecond) ? rate
                : (1 - SMOOTHING) * imagesPerSecond + SMOOTHING * rate;
    }

    double imagesPerSecond() {
        return imagesPerSecond;
    }

    double secondsPerStep() {
        return Double.isNaN(secondsPerStep) ? 0 : secondsPerStep;
    }
}
