package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class ProjectionBenchmarkTest {

    @Test
    void measuresEachRunOnTheRightPoints() {
        SyntheticClusters data = SyntheticClusters.planes(400, 12, 4, 10, 5);
        ProjectionBenchmark.Result result = ProjectionBenchmark.run(data.embeddings(),
                new ProjectionBenchmark.Settings(150, 300, 250, 42), ProgressListener.NONE,
                Cancellation.none());
        List<ProjectionBenchmark.Entry> entries = result.entries();
        assertEquals(4, entries.size());
        int[] expectedPoints = {150, 150, 150, 300};
        for (int i = 0; i < 4; i++) {
            ProjectionBenchmark.Entry entry = entries.get(i);
            assertEquals(expectedPoints[i], entry.quality().points(), entry.label());
            assertEquals(expectedPoints[i], entry.projection().size(), entry.label());
            assertTrue(entry.quality().klDivergence() > 0, entry.label());
            assertTrue(entry.millis() >= 0, entry.label());
        }
        // The comparison runs all map the same seeded sample.
        for (int i = 1; i < 3; i++) {
            assertArrayEquals(entries.get(0).projection().sourceIndices(),
                    entries.get(i).projection().sourceIndices());
        }
        // With 250 iterations Smile is still exaggerating: it has no cost of its own.
        assertTrue(Double.isNaN(entries.get(0).projection().klDivergence()));
        String table = result.table();
        assertEquals(5, table.lines().count(), table);
        assertTrue(table.contains("Barnes-Hut theta 0.5, full size"), table);
    }
}
