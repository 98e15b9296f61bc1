package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixedTriplesTest {

    /**
     * Three points worked by hand, lambda = 1/2: z0 = (1, 0), z1 = (0, 2), z2 = (3, 4). The mix
     * of (1, 2) is u = (1.5, 3), |u|^2 = 11.25, z0 . u = 1.5, so cos = 1.5 / sqrt(11.25) =
     * 1/sqrt(5); between normalised outputs d^2 = 2 - 2/sqrt(5); between raw ones
     * |z0 - u|^2 = 0.25 + 9 = 9.25. The mix of (0, 1) is (0.5, 1): cos with z0 = 0.5 / sqrt(1.25).
     */
    @Test
    void threePointsWorkedByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray raw = manager.create(new float[] {1, 0, 0, 2, 3, 4}, new Shape(3, 2));
            MixedTriples triples = new MixedTriples(raw, 0.5);
            NDArray cosine = triples.cosine();
            assertArrayEquals(new long[] {3, 3, 3}, cosine.getShape().getShape());
            assertEquals(1 / Math.sqrt(5), cosine.getFloat(0, 1, 2), 1e-6);
            assertEquals(0.5 / Math.sqrt(1.25), cosine.getFloat(0, 0, 1), 1e-6);
            assertEquals(Math.sqrt(2 - 2 / Math.sqrt(5)), triples.distance(true).getFloat(0, 1, 2), 1e-6);
            assertEquals(Math.sqrt(9.25), triples.distance(false).getFloat(0, 1, 2), 1e-5);
            // lambda = 1/2 is symmetric in (p, n); the anchor z2 = (3, 4) with the same mix:
            // z2 . u = 4.5 + 12 = 16.5, |z2| = 5, cos = 16.5 / (5 sqrt(11.25))
            assertEquals(cosine.getFloat(0, 1, 2), cosine.getFloat(0, 2, 1), 1e-7);
            assertEquals(16.5 / (5 * Math.sqrt(11.25)), cosine.getFloat(2, 1, 2), 1e-6);
        }
    }

    /** Every (a, p, n) of random vectors against the mix built and measured in double. */
    @Test
    void everyTripleMatchesTheMixBuiltInDouble() {
        int b = 6;
        int d = 5;
        double lambda = 0.3;
        Random random = new Random(11);
        float[] z = new float[b * d];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            MixedTriples triples = new MixedTriples(manager.create(z, new Shape(b, d)), lambda);
            float[] cosine = triples.cosine().toFloatArray();
            float[] normalised = triples.distance(true).toFloatArray();
            float[] rawDistance = triples.distance(false).toFloatArray();
            for (int a = 0; a < b; a++) {
                for (int p = 0; p < b; p++) {
                    for (int n = 0; n < b; n++) {
                        double[] u = new double[d];
                        for (int k = 0; k < d; k++) {
                            u[k] = lambda * z[p * d + k] + (1 - lambda) * z[n * d + k];
                        }
                        double dot = 0;
                        double aa = 0;
                        double uu = 0;
                        double raw = 0;
                        for (int k = 0; k < d; k++) {
                            dot += z[a * d + k] * u[k];
                            aa += z[a * d + k] * (double) z[a * d + k];
                            uu += u[k] * u[k];
                            raw += (z[a * d + k] - u[k]) * (z[a * d + k] - u[k]);
                        }
                        double cos = dot / Math.sqrt(aa * uu);
                        int at = (a * b + p) * b + n;
                        assertEquals(cos, cosine[at], 1e-5, "cos " + a + "," + p + "," + n);
                        // squares: a distance near 0 (a = p = n) is a square root of rounding
                        assertEquals(2 - 2 * cos, normalised[at] * normalised[at], 1e-5,
                                "normalised distance " + a + "," + p + "," + n);
                        assertEquals(raw, rawDistance[at] * rawDistance[at], 1e-4 * (1 + raw),
                                "raw distance " + a + "," + p + "," + n);
                    }
                }
            }
        }
    }
}
