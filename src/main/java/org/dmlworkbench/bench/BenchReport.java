package org.dmlworkbench.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.io.Json;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A finished bench: its rows, the machine, and the cases that were skipped or failed. Written as
 * CSV (Tablesaw), JSON (Gson) and a Markdown table ready to paste into docs/BENCHMARKS.md.
 */
public record BenchReport(Map<String, String> machine, boolean quick, String started,
        List<BenchResult> results, List<String> skipped, List<String> failed) {

    static final String[] COLUMNS = {"case", "size", "samples", "median", "min", "max", "p99",
        "unit", "note"};
    private static final ColumnType[] TYPES = {ColumnType.STRING, ColumnType.STRING,
        ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE,
        ColumnType.DOUBLE, ColumnType.STRING, ColumnType.STRING};

    public BenchReport {
        machine = new LinkedHashMap<>(machine);
        results = List.copyOf(results);
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
    }

    /** The rows as a Tablesaw table with {@link #COLUMNS}. */
    public static Table toTable(List<BenchResult> rows) {
        Table table = Table.create("bench",
                StringColumn.create("case"), StringColumn.create("size"), IntColumn.create("samples"),
                DoubleColumn.create("median"), DoubleColumn.create("min"), DoubleColumn.create("max"),
                DoubleColumn.create("p99"), StringColumn.create("unit"), StringColumn.create("note"));
        for (BenchResult r : rows) {
            Row row = table.appendRow();
            row.setString("case", r.benchCase());
            row.setString("size", r.size());
            row.setInt("samples", r.stats().samples());
            row.setDouble("median", r.stats().median());
            row.setDouble("min", r.stats().min());
            row.setDouble("max", r.stats().max());
            row.setDouble("p99", r.stats().p99());
            row.setString("unit", r.unit());
            row.setString("note", r.note());
        }
        return table;
    }

    /** Writes the rows as CSV, atomically. */
    public static void writeCsv(Path file, List<BenchResult> rows) throws IOException {
        Table table = toTable(rows);
        AtomicFiles.write(file, out -> table.write().csv(out));
    }

    /** Reads a CSV written by {@link #writeCsv}. */
    public static List<BenchResult> readCsv(Path file) throws IOException {
        Table table = Table.read().usingOptions(CsvReadOptions.builder(file.toFile())
                .columnTypes(TYPES).build());
        for (int i = 0; i < COLUMNS.length; i++) {
            if (table.columnCount() != COLUMNS.length || !table.column(i).name().equals(COLUMNS[i])) {
                throw new IOException(file + " is not a bench CSV: expected the columns "
                        + String.join(",", COLUMNS) + ", got " + table.columnNames());
            }
        }
        List<BenchResult> rows = new ArrayList<>();
        for (Row row : table) {
            rows.add(new BenchResult(text(row, "case"), text(row, "size"),
                    new BenchStats(row.getInt("samples"), row.getDouble("median"),
                            row.getDouble("min"), row.getDouble("max"), row.getDouble("p99")),
                    text(row, "unit"), text(row, "note")));
        }
        return rows;
    }

    private static String text(Row row, String column) {
        String value = row.getString(column);
        return value == null ? "" : value;
    }

    /** Writes {@code <stem>.csv}, {@code .json} and {@code .md} into {@code folder}. */
    public List<Path> write(Path folder, String stem) throws IOException {
        Path csv = folder.resolve(stem + ".csv");
        Path json = folder.resolve(stem + ".json");
        Path md = folder.resolve(stem + ".md");
        writeCsv(csv, results);
        Json.write(json, toJsonMap());
        AtomicFiles.writeString(md, markdown());
        return List.of(csv, json, md);
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("started", started);
        doc.put("quick", quick);
        doc.put("machine", machine);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BenchResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", r.benchCase());
            row.put("size", r.size());
            row.put("samples", r.stats().samples());
            row.put("median", r.stats().median());
            row.put("min", r.stats().min());
            row.put("max", r.stats().max());
            row.put("p99", r.stats().p99());
            row.put("unit", r.unit());
            row.put("note", r.note());
            rows.add(row);
        }
        doc.put("results", rows);
        doc.put("skipped", skipped);
        doc.put("failed", failed);
        return doc;
    }

    /** Machine lines and the results as a Markdown table. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(quick ? "Quick run" : "Full run").append(", started ").append(started).append("\n\n");
        machine.forEach((key, value) -> out.append("- ").append(key).append(": ").append(value)
                .append('\n'));
        out.append("\n| case | size | median | min | max | unit | n | note |\n");
        out.append("|---|---|---:|---:|---:|---|---:|---|\n");
        for (BenchResult r : results) {
            out.append("| ").append(r.benchCase()).append(" | ").append(r.size()).append(" | ")
                    .append(number(r.stats().median())).append(" | ")
                    .append(number(r.stats().min())).append(" | ")
                    .append(number(r.stats().max())).append(" | ").append(r.unit()).append(" | ")
                    .append(r.stats().samples()).append(" | ")
                    .append(r.note().replace("|", "\\|")).append(" |\n");
        }
        for (String s : skipped) {
            out.append("\nSkipped: ").append(s).append('\n');
        }
        for (String f : failed) {
            out.append("\nFAILED: ").append(f).append('\n');
        }
        return out.toString();
    }

    /** The results as an aligned plain-text table for the console. */
    public static String textTable(List<BenchResult> rows) {
        int caseWidth = "case".length();
        int sizeWidth = "size".length();
        for (BenchResult r : rows) {
            caseWidth = Math.max(caseWidth, r.benchCase().length());
            sizeWidth = Math.max(sizeWidth, r.size().length());
        }
        String format = "%-" + caseWidth + "s  %-" + sizeWidth + "s  %10s  %10s  %10s  %-12s  %s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "case", "size",
                "median", "min", "max", "unit", "note"));
        for (BenchResult r : rows) {
            out.append(String.format(Locale.ROOT, format, r.benchCase(), r.size(),
                    number(r.stats().median()), number(r.stats().min()), number(r.stats().max()),
                    r.unit(), r.note()));
        }
        return out.toString();
    }

    /** Three significant digits, thousands separated: 1,234 / 12.3 / 0.0123. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
