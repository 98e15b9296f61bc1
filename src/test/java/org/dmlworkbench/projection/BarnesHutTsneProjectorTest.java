package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class BarnesHutTsneProjectorTest {

    private static final ProgressListener QUIET = ProgressListener.NONE;
    private static final TsneSettings SETTINGS = TsneSettings.defaults(5_000);

    /** Three well-separated clusters of 100 points in 10-D, each a noisy 2-D patch. */
    private static final SyntheticClusters CLUSTERS = SyntheticClusters.planes(300, 10, 3, 10, 4);

    private static Projection map(Projector projector, Embeddings points) {
        return projector.project(points, QUIET, Cancellation.none());
    }

    @Test
    void separatesClustersWithExactQuality() {
        Embeddings points = CLUSTERS.embeddings();
        Projection bh = map(new BarnesHutTsneProjector(SETTINGS, 0.5), points);
        Projection smile = map(new ExactTsneProjector(SETTINGS), points);
        Projection allPairs = map(BarnesHutTsneProjector.exactReference(SETTINGS), points);
        ProjectionQuality quality = new ProjectionQuality();
        ProjectionQuality.Report bhReport = quality.evaluate(points, bh, QUIET, Cancellation.none());
        ProjectionQuality.Report smileReport = quality.evaluate(points, smile, QUIET,
                Cancellation.none());
        ProjectionQuality.Report exactReport = quality.evaluate(points, allPairs, QUIET,
                Cancellation.none());

        assertTrue(MapChecks.labelPurity(bh, CLUSTERS.labels(), 10) > 0.95, "clusters stay apart");
        assertTrue(bhReport.neighbourhoodPreservation() > 0.8, bhReport.toString());
        assertTrue(bhReport.trustworthiness() > 0.95, bhReport.toString());
        // Measured (seeded): KL 0.174 Barnes-Hut, 0.188 Smile, 0.163 exact with the same affinities.
        assertTrue(bhReport.klDivergence() < 1.25 * smileReport.klDivergence(),
                bhReport + " versus Smile " + smileReport);
        assertTrue(bhReport.klDivergence() < 1.15 * exactReport.klDivergence(),
                bhReport + " versus exact " + exactReport);
        // The optimiser's own cost over its sparse affinities agrees with the dense measurement.
        assertEquals(bhReport.klDivergence(), bh.klDivergence(), 0.1 * bhReport.klDivergence());
        assertArrayEquals(SeededSample.all(300), bh.sourceIndices());
    }

    @Test
    void sameSeedGivesTheSameMapWhateverTheThreads() throws Exception {
        Embeddings points = CLUSTERS.embeddings();
        TsneSettings short_ = SETTINGS.withIterations(300);
        Projection first = map(new BarnesHutTsneProjector(short_, 0.5), points);
        Projection second = map(new BarnesHutTsneProjector(short_, 0.5), points);
        assertTrue(first.sameCoordinates(second));
        // Parallel streams run in the pool they are started from: one thread, then three.
        for (int threads : new int[] {1, 3}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                Projection pooled = pool.submit(
                        () -> map(new BarnesHutTsneProjector(short_, 0.5), points)).get();
                assertTrue(first.sameCoordinates(pooled), threads + " threads");
            } finally {
                pool.shutdown();
            }
        }
        Projection otherSeed = map(new BarnesHutTsneProjector(short_.withSeed(7), 0.5), points);
        assertFalse(first.sameCoordinates(otherSeed));
    }

    @Test
    void reportsEveryIterationAndStopsWhenCancelled() {
        Embeddings points = CLUSTERS.embeddings();
        List<Long> iterations = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        ProgressListener record = (task, done, total, unit) -> {
            tasks.add(task);
            if (unit.equals("iterations")) {
                assertEquals(250, total);
                iterations.add(done);
            }
        };
        map(new BarnesHutTsneProjector(SETTINGS.withIterations(250), 0.5), points);
        new BarnesHutTsneProjector(SETTINGS.withIterations(250), 0.5)
                .project(points, record, Cancellation.none());
        assertEquals(250, iterations.size());
        for (int i = 0; i < 250; i++) {
            assertEquals(i + 1, iterations.get(i));
        }
        assertTrue(tasks.contains("t-SNE: nearest neighbours"), tasks.toString());

        Cancellation cancel = new Cancellation();
        List<Long> seen = new ArrayList<>();
        ProgressListener cancelAtTen = (task, done, total, unit) -> {
            if (unit.equals("iterations")) {
                seen.add(done);
                if (done == 10) {
                    cancel.cancel();
                }
            }
        };
        assertThrows(CancelledException.class, () -> new BarnesHutTsneProjector(SETTINGS, 0.5)
                .project(points, cancelAtTen, cancel));
        assertEquals(10, seen.size(), "no iteration runs after the cancel");
    }

    @Test
    void samplesLargeInputsWithASeedAndSaysSo() {
        TsneSettings limited = SETTINGS.withMaxPoints(100).withIterations(250);
        Projection map = map(new BarnesHutTsneProjector(limited, 0.5), CLUSTERS.embeddings());
        assertEquals(100, map.size());
        for (int i = 1; i < map.size(); i++) {
            assertTrue(map.sourceIndices()[i - 1] < map.sourceIndices()[i], "increasing rows");
        }
        assertTrue(map.sourceIndices()[99] < 300);
        assertTrue(map.notes().contains("Sampled 100 of 300 points (seed 42)."), map.notes());
        assertTrue(map.notes().contains("on 100 points in 10 dims"), map.notes());
        Projection again = map(new BarnesHutTsneProjector(limited, 0.5), CLUSTERS.embeddings());
        assertArrayEquals(map.sourceIndices(), again.sourceIndices());
    }

    @Test
    void reducesWideInputsByPcaAndSaysSo() {
        SyntheticClusters wide = SyntheticClusters.planes(120, 64, 2, 10, 9);
        Projection map = map(new BarnesHutTsneProjector(SETTINGS.withIterations(250), 0.5),
                wide.embeddings());
        assertTrue(map.notes().contains("after PCA from 64 to 50 dims"), map.notes());
        // 120 points: perplexity 30 is possible (3 * 30 <= 119 neighbours).
        assertTrue(map.notes().contains("perplexity 30,"), map.notes());
        assertTrue(MapChecks.labelPurity(map, wide.labels(), 10) > 0.95);
    }

    @Test
    void handlesTinyAndDegenerateInputs() {
        BarnesHutTsneProjector projector = new BarnesHutTsneProjector(
                SETTINGS.withIterations(250), 0.5);
        assertEquals(0, map(projector, new Embeddings(new float[0], 0, 3)).size());
        Projection one = map(projector, Embeddings.of(new float[][] {{4, 5, 6}}));
        assertArrayEquals(new float[] {0}, one.x());
        assertArrayEquals(new float[] {0}, one.y());
        Projection same = map(projector, Embeddings.of(new float[][] {{1, 2}, {1, 2}, {1, 2}}));
        assertArrayEquals(new float[3], same.x());
        assertTrue(same.notes().contains("all points are identical"), same.notes());
        Projection two = map(projector, Embeddings.of(new float[][] {{0, 0}, {3, 4}}));
        assertTrue(MapChecks.allFinite(two));
        // Ten points: perplexity is lowered to (10 - 1) / 3 = 3 so that 9 neighbours suffice.
        Projection ten = map(projector, CLUSTERS.embeddings().rows(0, 10));
        assertTrue(MapChecks.allFinite(ten));
        assertTrue(ten.notes().contains("perplexity 3,"), ten.notes());
    }

    @Test
    void rejectsInvalidTheta() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new BarnesHutTsneProjector(SETTINGS, 1.5));
        assertTrue(error.getMessage().contains("1.5"), error.getMessage());
    }
}
