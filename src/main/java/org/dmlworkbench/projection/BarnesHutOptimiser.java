package org.dmlworkbench.projection;

import java.util.Random;
import java.util.stream.IntStream;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Gradient descent on the t-SNE cost with sparse input affinities and Barnes-Hut repulsion, as in
 * van der Maaten (2014) and bhtsne: early exaggeration, momentum 0.5 then 0.8, per-coordinate
 * gains. The gradient omits the constant factor 4 (bhtsne's convention; see {@link TsneSettings}).
 *
 * <p>Determinism: the per-point forces are computed in parallel, but each point's sum is formed by
 * one thread in a fixed order and the normaliser Z is summed sequentially from per-point parts,
 * so the map depends only on the inputs and the seed, not on the number of threads.
 */
final class BarnesHutOptimiser {

    private static final double INITIAL_SPREAD = 1e-4;
    private static final double START_MOMENTUM = 0.5;
    private static final double FINAL_MOMENTUM = 0.8;
    private static final double MIN_GAIN = 0.01;
    /** Points per parallel task: enough work to amortise scheduling, enough tasks to balance. */
    private static final int CHUNK = 256;

    private final InputAffinities.SparseMatrix p;
    private final int n;
    private final double thetaSquared;
    private final double learningRate;
    private final double[] y;
    private final double[] update;
    private final double[] gains;
    private final double[] attraction;
    private final double[] repulsion;
    private final double[] zParts;
    private final QuadTree tree = new QuadTree();

    BarnesHutOptimiser(InputAffinities.SparseMatrix p, double theta, double learningRate, long seed) {
        this.p = p;
        this.n = p.size();
        this.thetaSquared = theta * theta;
        this.learningRate = learningRate;
        this.y = new double[2 * n];
        this.update = new double[2 * n];
        this.gains = new double[2 * n];
        this.attraction = new double[2 * n];
        this.repulsion = new double[2 * n];
        this.zParts = new double[n];
        Random random = new Random(seed);
        for (int c = 0; c < 2 * n; c++) {
            y[c] = INITIAL_SPREAD * random.nextGaussian();
            gains[c] = 1;
        }
    }

    /** Runs {@code iterations} steps, reporting each one and polling {@code cancel} before it. */
    void run(int iterations, String task, ProgressListener progress, Cancellation cancel) {
        for (int iter = 0; iter < iterations; iter++) {
            cancel.throwIfCancelled();
            boolean early = iter < TsneSettings.EXAGGERATION_ITERATIONS;
            step(early ? TsneSettings.EARLY_EXAGGERATION : 1,
                    early ? START_MOMENTUM : FINAL_MOMENTUM);
            progress.update(task, iter + 1, iterations, "iterations");
        }
    }

    /** The current map, {@code x0, y0, x1, y1, ...} (live: do not modify). */
    double[] coordinates() {
        return y;
    }

    private void step(double exaggeration, double momentum) {
        double z = computeForces();
        for (int c = 0; c < 2 * n; c++) {
            double gradient = exaggeration * attraction[c] - repulsion[c] / z;
            // Grow the step while the direction holds, shrink it when the gradient turns.
            gains[c] = Math.signum(gradient) != Math.signum(update[c]) ? gains[c] + 0.2
                    : gains[c] * 0.8;
            if (gains[c] < MIN_GAIN) {
                gains[c] = MIN_GAIN;
            }
            update[c] = momentum * update[c] - learningRate * gains[c] * gradient;
            y[c] += update[c];
        }
        centre();
    }

    /** Fills {@link #attraction} and {@link #repulsion}; returns the normaliser Z. */
    private double computeForces() {
        tree.build(y, n);
        int[] order = tree.spatialOrder();
        int chunks = (n + CHUNK - 1) / CHUNK;
        // Points are visited in the tree's spatial order: neighbours walk the same cells.
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            int[] stack = QuadTree.newStack();
            int end = Math.min(n, (chunk + 1) * CHUNK);
            for (int s = chunk * CHUNK; s < end; s++) {
                int i = order[s];
                zParts[i] = tree.repulsion(i, thetaSquared, stack, repulsion);
            }
        });
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            int end = Math.min(n, (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                attract(i);
            }
        });
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += zParts[i];
        }
        return z;
    }

    /** {@code sum_j P_ij w_ij (y_i - y_j)} over the sparse neighbours of i. */
    private void attract(int i) {
        double xi = y[2 * i];
        double yi = y[2 * i + 1];
        double fx = 0;
        double fy = 0;
        int[] columns = p.columns();
        double[] values = p.values();
        for (int s = p.rowStart()[i]; s < p.rowStart()[i + 1]; s++) {
            int j = columns[s];
            double dx = xi - y[2 * j];
            double dy = yi - y[2 * j + 1];
            double q = values[s] / (1 + dx * dx + dy * dy);
            fx += q * dx;
            fy += q * dy;
        }
        attraction[2 * i] = fx;
        attraction[2 * i + 1] = fy;
    }

    private void centre() {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += y[2 * i];
            meanY += y[2 * i + 1];
        }
        meanX /= n;
        meanY /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= meanX;
            y[2 * i + 1] -= meanY;
        }
    }

    /**
     * KL(P || Q) in nats of the current map over the sparse affinities, with Q's normaliser
     * estimated by Barnes-Hut. Pairs outside the neighbour graph have P = 0 and add nothing.
     */
    double klDivergence() {
        double z = computeForces();
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int s = p.rowStart()[i]; s < p.rowStart()[i + 1]; s++) {
                int j = p.columns()[s];
                double pij = p.values()[s];
                if (pij <= 0) {
                    continue;
                }
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double qij = 1 / (1 + dx * dx + dy * dy) / z;
                kl += pij * Math.log(pij / qij);
            }
        }
        return kl;
    }
}
