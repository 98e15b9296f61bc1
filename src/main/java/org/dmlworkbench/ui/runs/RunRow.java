package org.dmlworkbench.ui.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dmlworkbench.run.RunCatalog;
import org.dmlworkbench.run.RunDirectory;
import tech.tablesaw.api.Table;

/**
 * One row of the runs table: the run's summary plus its cells in the order of the catalog
 * table's columns (String, Integer, Long or Double; NaN where a metric is missing).
 */
public record RunRow(RunCatalog.Summary summary, List<Object> cells) {

    private static final Set<String> RESUMABLE = Set.of("stopped", "running", "failed");

    public RunRow {
        // Not List.copyOf: a missing integer cell is null.
        cells = java.util.Collections.unmodifiableList(new ArrayList<>(cells));
    }

    /** The rows of a catalog table, paired with the summaries it was made from (same order). */
    public static List<RunRow> of(Table table, List<RunCatalog.Summary> summaries) {
        List<RunRow> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            List<Object> cells = new ArrayList<>(table.columnCount());
            for (int c = 0; c < table.columnCount(); c++) {
                cells.add(table.column(c).get(r));
            }
            rows.add(new RunRow(summaries.get(r), cells));
        }
        return rows;
    }

    public Path folder() {
        return summary.folder();
    }

    public RunDirectory run() {
        return new RunDirectory(summary.folder());
    }

    public String name() {
        return summary.name();
    }

    /** Not completed (stopped, interrupted or failed): training can continue from its checkpoint. */
    public boolean resumable() {
        return RESUMABLE.contains(summary.status());
    }

    /** Readable enough to open, compare and export. */
    public boolean readable() {
        return !"unreadable".equals(summary.status());
    }
}
