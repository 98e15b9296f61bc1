package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import smile.manifold.TSNE;
import smile.math.MathEx;

class ExactTsneProjectorTest {

    private static final SyntheticClusters CLUSTERS = SyntheticClusters.planes(150, 10, 3, 10, 4);

    @Test
    void chunkedRunFollowsSmilesOwnSchedule() {
        // 600 iterations cross Smile's switch from exaggeration 12 and momentum 0.5 at 250: the
        // chunks must keep Smile's iteration count, or the cost stays that of 12 P. The maps
        // themselves cannot be compared point by point: t-SNE's early phase amplifies the 1e-18
        // rounding differences that Smile's re-centring after each chunk makes to O(1) within 100
        // iterations (measured), so the test compares costs, which agree within 1% by 600.
        TsneSettings settings = TsneSettings.defaults(5_000).withIterations(600)
                .withPcaDimensions(0);
        Embeddings points = CLUSTERS.embeddings();
        Projection chunked = new ExactTsneProjector(settings).project(points,
                ProgressListener.NONE, Cancellation.none());

        double[][] rows = points.toDoubleRows();
        double[][] distances = new double[rows.length][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows.length; j++) {
                distances[i][j] = MathEx.squaredDistance(rows[i], rows[j]);
            }
        }
        MathEx.setSeed(settings.seed());
        // Smile's gradient has the factor 4: a quarter of max(200, N / 12) = 50.
        TSNE oneGo = new TSNE(distances, 2, 30, 50, 600);
        double oneGoNats = oneGo.cost() * Math.log(2);
        assertEquals(oneGoNats, chunked.klDivergence(), 0.03 * oneGoNats);

        ProjectionQuality quality = new ProjectionQuality();
        float[] x = new float[rows.length];
        float[] y = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = (float) oneGo.coordinates[i][0];
            y[i] = (float) oneGo.coordinates[i][1];
        }
        double oneGoKl = quality.klDivergence(points, x, y, ProgressListener.NONE,
                Cancellation.none());
        double chunkedKl = quality.evaluate(points, chunked, ProgressListener.NONE,
                Cancellation.none()).klDivergence();
        assertEquals(oneGoKl, chunkedKl, 0.1 * oneGoKl);
        assertTrue(MapChecks.labelPurity(chunked, CLUSTERS.labels(), 10) > 0.95);
    }

    @Test
    void squareInputIsNotMistakenForADistanceMatrix() {
        // 20 points of 20 dims: handed to Smile as is, they would be read as distances.
        SyntheticClusters square = SyntheticClusters.planes(20, 20, 2, 10, 3);
        Projection map = new ExactTsneProjector(TsneSettings.defaults(5_000).withPcaDimensions(0))
                .project(square.embeddings(), ProgressListener.NONE, Cancellation.none());
        // Clusters of 10: each point has 9 others of its kind, so look at the 5 nearest.
        assertTrue(MapChecks.labelPurity(map, square.labels(), 5) > 0.95);
    }

    @Test
    void hasNoCostWhileExaggerationLasts() {
        // Smile's cost after 250 or fewer iterations is that of 12 P, not a KL divergence.
        Projection map = new ExactTsneProjector(TsneSettings.defaults(5_000).withIterations(250))
                .project(CLUSTERS.embeddings(), ProgressListener.NONE, Cancellation.none());
        assertTrue(Double.isNaN(map.klDivergence()));
    }

    @Test
    void handlesTinyAndDegenerateInputs() {
        ExactTsneProjector projector = new ExactTsneProjector(
                TsneSettings.defaults(5_000).withIterations(100));
        Projection empty = projector.project(new Embeddings(new float[0], 0, 4),
                ProgressListener.NONE, Cancellation.none());
        assertEquals(0, empty.size());
        Projection same = projector.project(Embeddings.of(new float[][] {{3, 1}, {3, 1}}),
                ProgressListener.NONE, Cancellation.none());
        assertTrue(same.notes().contains("all points are identical"), same.notes());
        for (int n = 2; n <= 4; n++) {
            Projection map = projector.project(CLUSTERS.embeddings().rows(0, n),
                    ProgressListener.NONE, Cancellation.none());
            assertEquals(n, map.size());
            assertTrue(MapChecks.allFinite(map), n + " points");
        }
    }

    @Test
    void samplesAboveTheLimitAndSaysSo() {
        TsneSettings settings = TsneSettings.defaults(100).withIterations(50);
        Projection map = new ExactTsneProjector(settings).project(CLUSTERS.embeddings(),
                ProgressListener.NONE, Cancellation.none());
        assertEquals(100, map.size());
        assertTrue(map.notes().contains("Sampled 100 of 150 points (seed 42)."), map.notes());
        assertTrue(MapChecks.allFinite(map));
    }

    @Test
    void reportsChunksAndStopsBetweenThem() {
        TsneSettings settings = TsneSettings.defaults(5_000).withIterations(60);
        List<Long> done = new ArrayList<>();
        new ExactTsneProjector(settings).project(CLUSTERS.embeddings(),
                (task, d, total, unit) -> {
                    if (unit.equals("iterations")) {
                        done.add(d);
                    }
                }, Cancellation.none());
        assertEquals(List.of(25L, 50L, 60L), done);

        Cancellation cancel = new Cancellation();
        List<Long> seen = new ArrayList<>();
        assertThrows(CancelledException.class, () -> new ExactTsneProjector(settings).project(
                CLUSTERS.embeddings(), (task, d, total, unit) -> {
                    if (unit.equals("iterations")) {
                        seen.add(d);
                        cancel.cancel();
                    }
                }, cancel));
        assertEquals(List.of(25L), seen);
    }
}
