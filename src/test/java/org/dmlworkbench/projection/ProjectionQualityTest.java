package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class ProjectionQualityTest {

    private static final ProgressListener QUIET = ProgressListener.NONE;
    private static final Cancellation GO = Cancellation.none();

    /** Three points at squared distance exactly 2 from each other (no float rounding). */
    private static Embeddings equilateralTriangle() {
        return Embeddings.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    }

    @Test
    void klDivergenceMatchesAHandComputation() {
        // Equidistant inputs: every conditional row is (1/2, 1/2) whatever the bandwidth, so
        // P_ij = (1/2 + 1/2) / (2 * 3) = 1/6 for all i != j.
        Embeddings input = equilateralTriangle();
        ProjectionQuality quality = new ProjectionQuality();
        // Map on a line at 0, 1, 2: w01 = w12 = 1/2, w02 = 1/5, Z = 2 (1/2 + 1/2 + 1/5) = 2.4.
        // KL = 2 * (1/6) * [2 ln((1/6) / (0.5 / 2.4)) + ln((1/6) / (0.2 / 2.4))]
        double expected = (2.0 / 6) * (2 * Math.log((1.0 / 6) / (0.5 / 2.4))
                + Math.log((1.0 / 6) / (0.2 / 2.4)));
        double kl = quality.klDivergence(input, new float[] {0, 1, 2}, new float[3], QUIET, GO);
        assertEquals(expected, kl, 1e-9);
        // An equilateral map (any size) has Q uniform too: KL = 0.
        float[] x = {0, 3, 1.5f};
        float[] y = {0, 0, (float) (3 * Math.sqrt(3) / 2)};
        assertEquals(0, quality.klDivergence(input, x, y, QUIET, GO), 1e-6);
    }

    /**
     * Input points on a line at 0, 1, 3, 7, 12 (no tied distances); the map swaps the places of
     * points 1 and 2: 0, 3, 1, 7, 12. With k = 1:
     * input nearest: 0->1, 1->0, 2->1, 3->2, 4->3; map nearest: 0->2, 1->2, 2->0, 3->1, 4->3.
     * Preservation: only point 4 keeps its neighbour, 1/5.
     * Trustworthiness: input ranks of the intruding map neighbours: r(0,2) = 2, r(1,2) = 2,
     * r(2,0) = 2, r(3,1) = 3 (from 7: 3 at 4, 12 at 5, 1 at 6), so sum (r - k) = 1+1+1+2 = 5 and
     * T = 1 - 2 * 5 / (N k (2N - 3k - 1)) = 1 - 10 / (5 * 6) = 2/3.
     */
    @Test
    void neighbourMeasuresMatchAHandComputation() {
        Embeddings input = Embeddings.of(new float[][] {{0}, {1}, {3}, {7}, {12}});
        float[] x = {0, 3, 1, 7, 12};
        float[] y = new float[5];
        ProjectionQuality quality = new ProjectionQuality();
        assertEquals(0.2, quality.neighbourhoodPreservation(input, x, y, 1, QUIET, GO), 1e-12);
        assertEquals(2.0 / 3, quality.trustworthiness(input, x, y, 1, QUIET, GO), 1e-12);
        // The input itself as the map is perfect on both.
        float[] same = {0, 1, 3, 7, 12};
        assertEquals(1, quality.neighbourhoodPreservation(input, same, y, 1, QUIET, GO), 0);
        assertEquals(1, quality.trustworthiness(input, same, y, 1, QUIET, GO), 0);
    }

    @Test
    void evaluateMeasuresOnlyTheSampledRows() {
        SyntheticClusters clusters = SyntheticClusters.generate(200, 6, 2, 8, 1);
        Projection pca = new PcaProjector().project(clusters.embeddings(), QUIET, GO);
        // The same map presented as showing rows 0..199 of a larger input with extra rows first
        // must give the same report as the map against its own rows.
        int[] shifted = new int[200];
        float[] padded = new float[260 * 6];
        System.arraycopy(clusters.embeddings().data(), 0, padded, 60 * 6, 200 * 6);
        for (int i = 0; i < 200; i++) {
            shifted[i] = 60 + i;
        }
        Projection moved = new Projection(pca.x(), pca.y(), shifted, pca.method(), pca.notes(),
                Double.NaN, 0);
        ProjectionQuality quality = new ProjectionQuality();
        ProjectionQuality.Report direct = quality.evaluate(clusters.embeddings(), pca, QUIET, GO);
        ProjectionQuality.Report viaIndices = quality.evaluate(new Embeddings(padded, 260, 6),
                moved, QUIET, GO);
        assertEquals(direct, viaIndices);
        assertEquals(200, direct.points());
        assertTrue(direct.klDivergence() > 0);
        assertTrue(direct.trustworthiness() > 0.5 && direct.trustworthiness() <= 1);
    }

    @Test
    void rejectsAMapOfOtherRows() {
        Embeddings input = equilateralTriangle();
        Projection map = new Projection(new float[1], new float[1], new int[] {5}, "m", "n",
                Double.NaN, 0);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ProjectionQuality().evaluate(input, map, QUIET, GO));
        assertTrue(error.getMessage().contains("input row 5"), error.getMessage());
    }
}
