package org.dmlworkbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every run under some folders (the workbench's runs folder, plus any the user opened), as
 * summaries and as a Tablesaw table of config and final metrics. A folder whose files cannot be
 * read is listed with its problem rather than hidden.
 */
public final class RunCatalog {

    /**
     * One run in brief; metrics are NaN until the run evaluated an epoch.
     *
     * @param problem why the run could not be read fully, or null
     */
    public record Summary(Path folder, String name, String created, String status, String data,
            String model, String loss, int epochs, int completedEpochs, long seed, long parameters,
            double precisionAt1, double rPrecision, double mapAtR, double nmi, String problem) {}

    private RunCatalog() {}

    /** Runs directly inside each root (a root may also be a run folder itself). */
    public static List<Summary> scan(List<Path> roots) {
        List<Summary> runs = new ArrayList<>();
        for (Path root : roots) {
            if (new RunDirectory(root).exists()) {
                runs.add(summarize(new RunDirectory(root)));
                continue;
            }
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> children = Files.list(root)) {
                children.filter(Files::isDirectory)
                        .map(RunDirectory::new)
                        .filter(RunDirectory::exists)
                        .map(RunCatalog::summarize)
                        .forEach(runs::add);
            } catch (IOException e) {
                runs.add(unreadable(root, "cannot list " + root + ": " + e.getMessage()));
            }
        }
        runs.sort(Comparator.comparing(Summary::created, Comparator.nullsLast(Comparator.reverseOrder())));
        return runs;
    }

    public static Summary summarize(RunDirectory run) {
        RunManifest manifest;
        try {
            manifest = run.readManifest();
        } catch (IOException e) {
            return unreadable(run.root(), e.getMessage());
        }
        String status = "unknown";
        int completed = 0;
        String problem = null;
        try {
            RunStatus s = run.readStatus();
            status = s.state().name().toLowerCase();
            completed = s.completedEpochs();
        } catch (IOException e) {
            problem = e.getMessage();
        }
        double[] metrics = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        try {
            Table log = MetricsLog.read(run.metricsFile());
            for (int row = log.rowCount() - 1; row >= 0; row--) {
                double p1 = log.doubleColumn("precision_at_1").getDouble(row);
                if (!Double.isNaN(p1)) {
                    metrics = new double[] {p1, log.doubleColumn("r_precision").getDouble(row),
                        log.doubleColumn("map_at_r").getDouble(row), log.doubleColumn("nmi").getDouble(row)};
                    break;
                }
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        var config = manifest.config();
        return new Summary(run.root(), run.name(), manifest.created(), status, manifest.data().name(),
                config.model().family(), config.loss(), config.epochs(), completed, config.seed(),
                manifest.model().parameters(), metrics[0], metrics[1], metrics[2], metrics[3], problem);
    }

    private static Summary unreadable(Path folder, String problem) {
        return new Summary(folder, folder.getFileName().toString(), null, "unreadable", "", "", "", 0, 0,
                0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, problem);
    }

    /** The summaries as a table (one row per run), for sorting, display and CSV export. */
    public static Table toTable(List<Summary> runs) {
        Table table = Table.create("runs",
                StringColumn.create("run"), StringColumn.create("created"), StringColumn.create("status"),
                StringColumn.create("data"), StringColumn.create("model"), StringColumn.create("loss"),
                IntColumn.create("epochs"), LongColumn.create("seed"), LongColumn.create("params"),
                DoubleColumn.create("precision_at_1"), DoubleColumn.create("r_precision"),
                DoubleColumn.create("map_at_r"), DoubleColumn.create("nmi"), StringColumn.create("folder"));
        for (Summary s : runs) {
            table.stringColumn("run").append(s.name());
            table.stringColumn("created").append(s.created() == null ? "" : s.created());
            table.stringColumn("status").append(s.status());
            table.stringColumn("data").append(s.data());
            table.stringColumn("model").append(s.model());
            table.stringColumn("loss").append(s.loss());
            table.intColumn("epochs").append(s.epochs());
            table.longColumn("seed").append(s.seed());
            table.longColumn("params").append(s.parameters());
            table.doubleColumn("precision_at_1").append(s.precisionAt1());
            table.doubleColumn("r_precision").append(s.rPrecision());
            table.doubleColumn("map_at_r").append(s.mapAtR());
            table.doubleColumn("nmi").append(s.nmi());
            table.stringColumn("folder").append(s.folder().toString());
        }
        return table;
    }
}
