package org.dmlworkbench.run;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dmlworkbench.io.AtomicFiles;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** {@code RUN/metrics.csv}: one row per epoch, kept as a Tablesaw table. */
public final class MetricsLog {

    public static final String[] COLUMNS = {"epoch", "train_loss", "precision_at_1", "r_precision",
            "map_at_r", "nmi", "seconds"};

    /** One epoch's row; metrics are NaN for an epoch that was not evaluated. */
    public record Entry(int epoch, double trainLoss, double precisionAt1, double rPrecision,
            double mapAtR, double nmi, double seconds) {}

    private MetricsLog() {}

    public static Table empty() {
        return Table.create("metrics",
                IntColumn.create(COLUMNS[0]),
                DoubleColumn.create(COLUMNS[1]),
                DoubleColumn.create(COLUMNS[2]),
                DoubleColumn.create(COLUMNS[3]),
                DoubleColumn.create(COLUMNS[4]),
                DoubleColumn.create(COLUMNS[5]),
                DoubleColumn.create(COLUMNS[6]));
    }

    public static Table read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return empty();
        }
        String text = Files.readString(file);
        if (text.isBlank()) {
            return empty();
        }
        try {
            // The types are given, not guessed: a column with no value yet (every epoch so far
            // skipped by --eval-every) would otherwise be read as text.
            Map<String, ColumnType> types = new HashMap<>();
            types.put(COLUMNS[0], ColumnType.INTEGER);
            for (int c = 1; c < COLUMNS.length; c++) {
                types.put(COLUMNS[c], ColumnType.DOUBLE);
            }
            Table read = Table.read().csv(CsvReadOptions.builder(new StringReader(text))
                    .tableName("metrics").missingValueIndicator("NaN", "")
                    .columnTypesPartial(types).build());
            Table table = empty();
            for (Row row : read) {
                table.intColumn(COLUMNS[0]).append(row.getInt(COLUMNS[0]));
                for (int c = 1; c < COLUMNS.length; c++) {
                    table.doubleColumn(COLUMNS[c]).append(row.getNumber(COLUMNS[c]));
                }
            }
            return table;
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a metrics table (" + e.getMessage() + ")", e);
        }
    }

    /** Appends a row, dropping any rows of this epoch or later left by an interrupted run. */
    public static void append(Path file, Entry entry) throws IOException {
        Table table = keepBefore(read(file), entry.epoch());
        table.intColumn(COLUMNS[0]).append(entry.epoch());
        table.doubleColumn(COLUMNS[1]).append(entry.trainLoss());
        table.doubleColumn(COLUMNS[2]).append(entry.precisionAt1());
        table.doubleColumn(COLUMNS[3]).append(entry.rPrecision());
        table.doubleColumn(COLUMNS[4]).append(entry.mapAtR());
        table.doubleColumn(COLUMNS[5]).append(entry.nmi());
        table.doubleColumn(COLUMNS[6]).append(entry.seconds());
        write(file, table);
    }

    /** Drops rows after {@code completedEpochs}: used when a run resumes from a checkpoint. */
    public static void truncate(Path file, int completedEpochs) throws IOException {
        if (Files.exists(file)) {
            write(file, keepBefore(read(file), completedEpochs + 1));
        }
    }

    private static Table keepBefore(Table table, int epoch) {
        return table.where(table.intColumn(COLUMNS[0]).isLessThan(epoch));
    }

    private static void write(Path file, Table table) throws IOException {
        StringWriter text = new StringWriter();
        table.write().csv(text);
        AtomicFiles.writeString(file, text.toString());
    }
}
