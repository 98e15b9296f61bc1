package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

    @Test
    void matchesAFullSortOfAllDistances() {
        int n = 700;
        int dim = 7;
        int k = 9;
        Random random = new Random(3);
        double[] data = new double[n * dim];
        for (int i = 0; i < data.length; i++) {
            // Rounded to a coarse grid, so that equal distances (ties) occur.
            data[i] = Math.round(random.nextGaussian() * 2) / 2.0;
        }
        NearestNeighbours knn = NearestNeighbours.exact(data, n, dim, k, "test",
                ProgressListener.NONE, Cancellation.none());
        for (int i = 0; i < n; i++) {
            final int row = i;
            double[] distance = new double[n];
            Integer[] others = new Integer[n - 1];
            int s = 0;
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int d = 0; d < dim; d++) {
                    double t = data[row * dim + d] - data[j * dim + d];
                    sum += t * t;
                }
                distance[j] = sum;
                if (j != row) {
                    others[s++] = j;
                }
            }
            Arrays.sort(others, Comparator.<Integer>comparingDouble(j -> distance[j])
                    .thenComparingInt(j -> j));
            for (int r = 0; r < k; r++) {
                assertEquals(others[r], knn.indices()[i * k + r], "row " + i + " rank " + r);
                assertEquals(distance[others[r]], knn.squaredDistances()[i * k + r], 1e-12);
            }
        }
    }

    @Test
    void refusesMoreNeighboursThanOtherPoints() {
        double[] data = {0, 1, 2};
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbours.exact(data, 3, 1, 3, "test", ProgressListener.NONE,
                        Cancellation.none()));
        assertEquals("cannot find 3 neighbours among 3 points", error.getMessage());
        NearestNeighbours two = NearestNeighbours.exact(data, 3, 1, 2, "test",
                ProgressListener.NONE, Cancellation.none());
        assertArrayEquals(new int[] {1, 2, 0, 2, 1, 0}, two.indices());
    }
}
