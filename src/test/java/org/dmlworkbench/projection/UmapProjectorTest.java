package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class UmapProjectorTest {

    private static final int K = 5;

    /**
     * 90 points along one noisy line and 8 along another far away (every 12th row, so the
     * indices must be mapped back, not assumed to trail). Along a line each point's k = 5
     * neighbours are the ones beside it, so each line is connected; each island point's
     * neighbours are all on its own line (7 others), and no point of the long line reaches it,
     * so the neighbour graph has exactly two components.
     */
    private static Embeddings blobAndIsland(int[] island) {
        Random random = new Random(3);
        int n = 98;
        float[][] rows = new float[n][6];
        int onLine = 0;
        int onIsland = 0;
        for (int i = 0; i < n; i++) {
            boolean far = Arrays.binarySearch(island, i) >= 0;
            int position = far ? onIsland++ : onLine++;
            rows[i][0] = position + (far ? 1000 : 0);
            for (int d = 1; d < 6; d++) {
                rows[i][d] = (float) (0.01 * random.nextGaussian());
            }
        }
        return Embeddings.of(rows);
    }

    @Test
    void reportsThePointsOfADisconnectedGroupInsteadOfDroppingThem() {
        int[] island = IntStream.range(0, 8).map(i -> 5 + 12 * i).toArray();
        Embeddings points = blobAndIsland(island);
        Projection map = new UmapProjector(TsneSettings.defaults(10_000), K)
                .project(points, ProgressListener.NONE, Cancellation.none());

        assertArrayEquals(island, map.leftOut());
        assertEquals(90, map.size());
        for (int row : map.sourceIndices()) {
            assertTrue(Arrays.binarySearch(island, row) < 0, "row " + row + " is both placed and left out");
        }
        for (int i = 1; i < map.size(); i++) {
            assertTrue(map.sourceIndices()[i] > map.sourceIndices()[i - 1], "source rows must increase");
        }
        for (int i = 0; i < map.size(); i++) {
            assertTrue(Float.isFinite(map.x()[i]) && Float.isFinite(map.y()[i]), "point " + i);
        }
        assertTrue(map.notes().contains("UMAP placed 90 of 98 points; 8 in small disconnected"),
                map.notes());
        assertEquals(UmapProjector.METHOD, map.method());
    }

    @Test
    void aConnectedInputLeavesNothingOut() {
        Embeddings points = blobAndIsland(new int[0]);
        Projection map = new UmapProjector(TsneSettings.defaults(10_000), K)
                .project(points, ProgressListener.NONE, Cancellation.none());
        assertEquals(98, map.size());
        assertEquals(0, map.leftOut().length);
        assertTrue(!map.notes().contains("not shown"), map.notes());
    }

    @Test
    void aCancelledProjectionStops() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThrows(CancelledException.class, () -> new UmapProjector()
                .project(blobAndIsland(new int[0]), ProgressListener.NONE, cancel));
    }

    @Test
    void cancellingWhileSmileRunsReturnsPromptly() {
        Cancellation cancel = new Cancellation();
        long[] firstReport = {0};
        ProgressListener listener = (task, done, total, unit) -> {
            if (task.startsWith("UMAP: neighbour graph")) {
                // The watcher reports before its first wait: cancel from inside the run.
                if (firstReport[0] == 0) {
                    firstReport[0] = System.nanoTime();
                }
                cancel.cancel();
            }
        };
        assertThrows(CancelledException.class, () -> new UmapProjector()
                .project(blobAndIsland(new int[0]), listener, cancel));
        assertTrue(firstReport[0] > 0, "no progress was reported while Smile ran");
    }
}
