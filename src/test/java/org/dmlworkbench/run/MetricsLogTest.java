package org.dmlworkbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class MetricsLogTest {

    @Test
    void anEpochThatWasNotEvaluatedIsFollowedByOneThatWas(@TempDir Path dir) throws Exception {
        // --eval-every 2: the first row has no metrics at all, so no column can be guessed as numbers
        Path file = dir.resolve("metrics.csv");
        MetricsLog.append(file, new MetricsLog.Entry(1, 1.5, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 10));
        MetricsLog.append(file, new MetricsLog.Entry(2, 1.2, 0.8, 0.5, 0.4, 0.7, 11));
        Table table = MetricsLog.read(file);
        assertEquals(2, table.rowCount());
        assertTrue(Double.isNaN(table.doubleColumn("precision_at_1").getDouble(0)));
        assertEquals(0.8, table.doubleColumn("precision_at_1").getDouble(1), 1e-12);
        MetricsLog.truncate(file, 1);
        assertEquals(1, MetricsLog.read(file).rowCount());
    }
}
