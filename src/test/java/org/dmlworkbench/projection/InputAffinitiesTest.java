package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class InputAffinitiesTest {

    @Test
    void calibratedRowHasThePerplexityAskedFor() {
        double[] distances = {0.5, 1, 2, 4, 8, 16, 32, 64, 128, 1e4};
        for (double perplexity : new double[] {1.5, 3, 7}) {
            double[] p = new double[distances.length];
            double beta = InputAffinities.calibrateRow(distances, 0, distances.length, perplexity, p);
            double sum = 0;
            double entropy = 0;
            for (int j = 0; j < p.length; j++) {
                // Independent check: p_j = exp(-beta d_j) / sum_l exp(-beta d_l).
                double denominator = 0;
                for (double d : distances) {
                    denominator += Math.exp(-beta * d);
                }
                assertEquals(Math.exp(-beta * distances[j]) / denominator, p[j], 1e-12);
                sum += p[j];
                if (p[j] > 0) {
                    entropy -= p[j] * Math.log(p[j]);
                }
            }
            assertEquals(1, sum, 1e-12);
            assertEquals(perplexity, Math.exp(entropy), 1e-3 * perplexity);
        }
    }

    @Test
    void hugeDistancesDoNotUnderflow() {
        // Raw pixel distances reach 1e7: without shifting, exp(-beta d) would be 0 everywhere.
        double[] distances = {3.0e7, 3.1e7, 3.2e7, 5.0e7};
        double[] p = new double[4];
        InputAffinities.calibrateRow(distances, 0, 4, 2, p);
        double entropy = 0;
        for (double v : p) {
            assertTrue(v >= 0 && !Double.isNaN(v));
            entropy -= v > 0 ? v * Math.log(v) : 0;
        }
        assertEquals(2, Math.exp(entropy), 2e-3);
    }

    @Test
    void jointAffinitiesAreSymmetricAndSumToOne() {
        int n = 60;
        int dim = 4;
        int k = 9;
        double perplexity = 3;
        Random random = new Random(5);
        double[] data = new double[n * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextGaussian();
        }
        NearestNeighbours knn = NearestNeighbours.exact(data, n, dim, k, "test",
                ProgressListener.NONE, Cancellation.none());
        InputAffinities.SparseMatrix p = InputAffinities.fromNeighbours(knn, perplexity);
        // Reference: dense conditional rows, then (p_j|i + p_i|j) / 2N.
        double[][] conditional = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] full = new double[knn.squaredDistances().length];
            InputAffinities.calibrateRow(knn.squaredDistances(), i * k, (i + 1) * k, perplexity,
                    full);
            for (int s = 0; s < k; s++) {
                conditional[i][knn.indices()[i * k + s]] = full[i * k + s];
            }
        }
        double[][] dense = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int s = p.rowStart()[i]; s < p.rowStart()[i + 1]; s++) {
                dense[i][p.columns()[s]] = p.values()[s];
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = (conditional[i][j] + conditional[j][i]) / (2.0 * n);
                assertEquals(expected, dense[i][j], 1e-15, "P(" + i + ", " + j + ")");
                assertEquals(dense[j][i], dense[i][j], 0.0);
                total += dense[i][j];
            }
            for (int s = p.rowStart()[i] + 1; s < p.rowStart()[i + 1]; s++) {
                assertTrue(p.columns()[s - 1] < p.columns()[s], "columns sorted, no duplicates");
            }
        }
        assertEquals(1, total, 1e-12);
        assertEquals(1, p.sum(), 1e-12);
    }
}
