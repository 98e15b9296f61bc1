package org.dmlworkbench.projection;

import java.util.Random;
import org.dmlworkbench.model.Embeddings;

/**
 * Seeded Gaussian clusters for tests and the projection benchmark, with labels saying which
 * cluster made each point, so a map can be checked for keeping the clusters apart. Cluster centres
 * are drawn from N(0, separation^2) per dimension.
 *
 * @param labels cluster of each row
 */
public record SyntheticClusters(Embeddings embeddings, int[] labels) {

    /** Isotropic clusters: points from N(centre, 1) in every dimension. */
    public static SyntheticClusters generate(int points, int dim, int clusters, double separation,
                                             long seed) {
        Random random = new Random(seed);
        double[][] centres = centres(points, dim, clusters, separation, random);
        float[] data = new float[points * dim];
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            int c = i % clusters;
            labels[i] = c;
            for (int d = 0; d < dim; d++) {
                data[i * dim + d] = (float) (centres[c][d] + random.nextGaussian());
            }
        }
        return new SyntheticClusters(new Embeddings(data, points, dim), labels);
    }

    /**
     * Clusters with local structure, like learned embeddings: each is a 2-D Gaussian patch (spread
     * 3) on its own random plane, plus noise of spread 0.05 in every dimension. Unlike isotropic
     * clusters, the nearest neighbours inside a cluster are meaningful, so a good map keeps them.
     */
    public static SyntheticClusters planes(int points, int dim, int clusters, double separation,
                                           long seed) {
        Random random = new Random(seed);
        double[][] centres = centres(points, dim, clusters, separation, random);
        double[][][] axes = new double[clusters][2][dim];
        for (double[][] plane : axes) {
            for (double[] axis : plane) {
                for (int d = 0; d < dim; d++) {
                    axis[d] = random.nextGaussian() / Math.sqrt(dim);
                }
            }
        }
        float[] data = new float[points * dim];
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            int c = i % clusters;
            labels[i] = c;
            double u = 3 * random.nextGaussian();
            double v = 3 * random.nextGaussian();
            for (int d = 0; d < dim; d++) {
                data[i * dim + d] = (float) (centres[c][d] + u * axes[c][0][d] + v * axes[c][1][d]
                        + 0.05 * random.nextGaussian());
            }
        }
        return new SyntheticClusters(new Embeddings(data, points, dim), labels);
    }

    private static double[][] centres(int points, int dim, int clusters, double separation,
                                      Random random) {
        if (points < 0 || dim < 1 || clusters < 1) {
            throw new IllegalArgumentException("need points >= 0, dim >= 1 and clusters >= 1, got "
                    + points + ", " + dim + ", " + clusters);
        }
        double[][] centres = new double[clusters][dim];
        for (double[] centre : centres) {
            for (int d = 0; d < dim; d++) {
                centre[d] = separation * random.nextGaussian();
            }
        }
        return centres;
    }
}
