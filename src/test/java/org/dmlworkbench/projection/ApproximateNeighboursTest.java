package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/**
 * The HNSW neighbours t-SNE uses above 20,000 points, checked on 3,000 clustered points against
 * exact search: nearly the same neighbourhoods, exact distances, and the same answer twice.
 */
class ApproximateNeighboursTest {

    @Test
    void findsAlmostEveryExactNeighbourAndIsRepeatable() {
        Embeddings points = SyntheticClusters.planes(3_000, 20, 10, 3.0, 5).embeddings();
        int n = points.count();
        int dim = points.dim();
        double[] data = new double[n * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = points.data()[i];
        }
        int k = 30;
        NearestNeighbours exact = NearestNeighbours.exact(data, n, dim, k, "exact",
                ProgressListener.NONE, Cancellation.none());
        NearestNeighbours approximate = ApproximateNeighbours.find(data, n, dim, k, "hnsw",
                ProgressListener.NONE, Cancellation.none());
        long kept = 0;
        for (int i = 0; i < n; i++) {
            java.util.Set<Integer> truth = new java.util.HashSet<>();
            for (int r = 0; r < k; r++) {
                truth.add(exact.indices()[i * k + r]);
            }
            for (int r = 0; r < k; r++) {
                int j = approximate.indices()[i * k + r];
                kept += truth.contains(j) ? 1 : 0;
                assertTrue(j != i, "a point is not its own neighbour");
                assertTrue(r == 0 || approximate.squaredDistances()[i * k + r]
                        >= approximate.squaredDistances()[i * k + r - 1], "nearest first");
            }
        }
        double share = kept / (double) (n * k);
        assertTrue(share >= 0.97, "share of exact neighbours found: " + share);
        NearestNeighbours again = ApproximateNeighbours.find(data, n, dim, k, "hnsw",
                ProgressListener.NONE, Cancellation.none());
        assertArrayEquals(approximate.indices(), again.indices(), "seeded, one-thread build");
    }
}
