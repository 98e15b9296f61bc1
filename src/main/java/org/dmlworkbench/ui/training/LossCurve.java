package org.dmlworkbench.ui.training;

import java.util.Arrays;

/**
 * A per-step loss curve kept small enough to draw however long the run: steps are grouped into
 * buckets of {@code width} consecutive steps, and when {@code maxPoints} buckets are full,
 * neighbouring pairs merge and the width doubles. So at most {@code maxPoints} points exist
 * (full buckets plus the one being filled), each holding
 * <ul>
 *   <li>the mean raw loss of its steps (the raw loss itself while the width is 1), and</li>
 *   <li>the smoothed loss at its last step: an exponential moving average with TensorBoard's
 *       start-up correction, {@code ema_t = b*ema_(t-1) + (1-b)*loss_t}, shown as
 *       {@code ema_t / (1 - b^t)} so the first steps are not dragged towards 0.</li>
 * </ul>
 * Points before the last one only change when buckets merge, which {@link #generation()} counts,
 * so a chart can append new points cheaply and rebuild only after a merge.
 * Not thread-safe: fed and read on one thread.
 */
public final class LossCurve {

    private final int maxPoints;
    private final double smoothing;
    private double[] xs;
    private double[] sums;
    private int[] counts;
    private double[] smoothed;
    private int full;
    private int width = 1;
    private int generation;
    private double ema;
    private long steps;

    /**
     * @param maxPoints most points kept (even, at least 2)
     * @param smoothing EMA weight of the past, in [0, 1)
     */
    public LossCurve(int maxPoints, double smoothing) {
        if (maxPoints < 2 || maxPoints % 2 != 0) {
            throw new IllegalArgumentException("maxPoints must be even and >= 2, got " + maxPoints);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), got " + smoothing);
        }
        this.maxPoints = maxPoints;
        this.smoothing = smoothing;
        clear();
    }

    public void clear() {
        xs = new double[maxPoints];
        sums = new double[maxPoints];
        counts = new int[maxPoints];
        smoothed = new double[maxPoints];
        full = 0;
        width = 1;
        ema = 0;
        steps = 0;
        generation++;
    }

    /** Adds the loss of the next step, drawn at {@code x} (x never decreases). */
    public void add(double x, double loss) {
        steps++;
        ema = smoothing * ema + (1 - smoothing) * loss;
        double corrected = ema / (1 - Math.pow(smoothing, steps));
        int open = full;
        xs[open] = x;
        sums[open] += loss;
        counts[open]++;
        smoothed[open] = corrected;
        if (counts[open] == width) {
            full++;
            if (full == maxPoints) {
                mergePairs();
            }
        }
    }

    /**
     * Forgets the points drawn after {@code x}, as if their steps had not been added (a run
     * resumed from a checkpoint trains them again). A bucket reaching past {@code x} goes whole.
     * The smoothing goes on from the last point kept.
     */
    public void keepUpTo(double x) {
        int kept = 0;
        while (kept < size() && xs[kept] <= x) {
            kept++;
        }
        if (kept == size()) {
            return;
        }
        // Only the last point can be an open bucket, and it is not kept: the kept ones are all full.
        Arrays.fill(sums, kept, maxPoints, 0);
        Arrays.fill(counts, kept, maxPoints, 0);
        full = kept;
        steps = 0;
        for (int i = 0; i < kept; i++) {
            steps += counts[i];
        }
        // smoothed = ema / (1 - b^steps), so the EMA behind the last kept point is recovered exactly.
        ema = kept == 0 ? 0 : smoothed[kept - 1] * (1 - Math.pow(smoothing, steps));
        generation++;
    }

    private void mergePairs() {
        int half = full / 2;
        for (int i = 0; i < half; i++) {
            int a = 2 * i;
            int b = a + 1;
            xs[i] = xs[b];
            sums[i] = sums[a] + sums[b];
            counts[i] = counts[a] + counts[b];
            smoothed[i] = smoothed[b];
        }
        Arrays.fill(sums, half, maxPoints, 0);
        Arrays.fill(counts, half, maxPoints, 0);
        full = half;
        width *= 2;
        generation++;
    }

    /** Points to draw: the full buckets plus the one being filled, if it has a step. */
    public int size() {
        // full < maxPoints always: reaching it merges at once.
        return full + (counts[full] > 0 ? 1 : 0);
    }

    public double x(int point) {
        return xs[point];
    }

    public double raw(int point) {
        return sums[point] / counts[point];
    }

    public double smoothed(int point) {
        return smoothed[point];
    }

    /** Steps per full bucket now. */
    public int width() {
        return width;
    }

    /** Steps added since the last {@link #clear()}. */
    public long steps() {
        return steps;
    }

    /** Changes whenever points other than the last may have changed (merge, clear). */
    public int generation() {
        return generation;
    }
}
