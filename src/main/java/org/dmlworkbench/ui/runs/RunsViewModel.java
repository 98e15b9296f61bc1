package org.dmlworkbench.ui.runs;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.projection.ProjectorBundle;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.run.RunCatalog;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.ui.UiErrors;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.training.EpochRow;
import org.dmlworkbench.ui.training.Metric;
import org.dmlworkbench.ui.training.TrainingViewModel;
import tech.tablesaw.api.Table;

/**
 * The Runs panel without a window: the runs under the runs folder and any opened folders as a
 * Tablesaw catalog table, and what can be done with them (open, resume, compare, export). Disk
 * work goes through the model's {@code Jobs}; results arrive on the JavaFX thread.
 */
public final class RunsViewModel {

    private static final Executor SCANNER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "workbench-run-scan");
        thread.setDaemon(true);
        return thread;
    });

    private final WorkbenchModel model;
    private final TrainingViewModel training;
    private final ObservableList<Path> roots = FXCollections.observableArrayList();
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Table> table = new ReadOnlyObjectWrapper<>(RunCatalog.toTable(List.of()));
    private final ReadOnlyObjectWrapper<RunRow> selectionRequest = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunComparison> comparison = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Metric> chartedMetric = new SimpleObjectProperty<>(Metric.PRECISION_AT_1);
    /** The curves on show, kept so another metric is charted without reading the runs again. */
    private List<RunComparison.Curves> comparedCurves = List.of();
    private Path pendingSelection;
    private int scanGeneration;

    public RunsViewModel(WorkbenchModel model) {
        this.model = model;
        this.training = TrainingViewModel.of(model);
        roots.add(model.runsRoot().toAbsolutePath().normalize());
        chartedMetric.addListener((obs, old, metric) -> {
            if (comparedCurves.size() > 2 && metric != null) {
                comparison.set(RunComparison.of(comparedCurves, metric));
            }
        });
        // A run appears once its trainer has started, and changes status and metrics when it ends.
        training.stateProperty().addListener((obs, old, now) -> {
            if (old == TrainingViewModel.State.PREPARING || now == TrainingViewModel.State.IDLE) {
                rescan();
            }
        });
    }

    // ---- scanning ------------------------------------------------------------------------------

    /**
     * Scans the roots again in the background. Not through Jobs: scans follow every training
     * start and end, and their "done" would push the training's outcome out of the status bar.
     */
    public void rescan() {
        List<Path> scanned = List.copyOf(roots);
        int generation = ++scanGeneration;
        busy.set(true);
        CompletableFuture.supplyAsync(() -> {
            List<RunCatalog.Summary> summaries = RunCatalog.scan(scanned);
            return new Scan(summaries, RunCatalog.toTable(summaries));
        }, SCANNER).whenComplete((scan, error) -> Platform.runLater(() -> {
            if (generation != scanGeneration) {
                return;
            }
            busy.set(false);
            if (error != null) {
                message.set("Cannot scan the runs: " + UiErrors.describe(error));
                model.jobs().say(message.get());
            } else {
                apply(scanned, scan);
            }
        }));
    }

    private record Scan(List<RunCatalog.Summary> summaries, Table table) {}

    private void apply(List<Path> scanned, Scan scan) {
        table.set(scan.table());
        rows.setAll(RunRow.of(scan.table(), scan.summaries()));
        int extra = scanned.size() - 1;
        summary.set(String.format(Locale.ROOT, "%d run%s in %s%s", rows.size(), rows.size() == 1 ? "" : "s",
                scanned.get(0), extra > 0 ? " and " + extra + " opened folder" + (extra == 1 ? "" : "s") : ""));
        if (pendingSelection != null) {
            Path wanted = pendingSelection;
            pendingSelection = null;
            RunRow match = rows.stream().filter(row -> row.folder().equals(wanted)).findFirst()
                    .orElse(rows.stream().filter(row -> row.folder().startsWith(wanted)).findFirst().orElse(null));
            selectionRequest.set(null);
            selectionRequest.set(match);
            if (match == null) {
                message.set(wanted + " holds no run (no config.json in it or in its sub-folders)");
            }
        }
    }

    /** Adds a run folder, or a folder of runs, to the scanned folders and selects it. */
    public void open(Path folder) {
        Path normalized = folder.toAbsolutePath().normalize();
        boolean covered = roots.stream().anyMatch(root -> root.equals(normalized)
                || (normalized.getParent() != null && normalized.getParent().equals(root)));
        if (!covered) {
            roots.add(normalized);
        }
        pendingSelection = normalized;
        rescan();
    }

    // ---- commands on selected runs -------------------------------------------------------------

    /** Makes the run the active run (Training, Map and Query show it) and charts its curves. */
    public void openRun(RunRow row) {
        model.activeRunProperty().set(row.run());
        loadCurves(List.of(row));
    }

    /** Overlays the curves of two runs on the comparison charts. */
    public void compare(RunRow a, RunRow b) {
        compare(List.of(a, b));
    }

    /**
     * Overlays the curves of two or more runs and lists their final metrics; with three or more
     * the metric chart shows {@link #chartedMetricProperty()} for each run.
     */
    public void compare(List<RunRow> selected) {
        loadCurves(List.copyOf(selected));
    }

    private void loadCurves(List<RunRow> selected) {
        model.jobs().submit("Reading curves", (progress, cancel) -> {
            List<RunComparison.Curves> curves = new ArrayList<>();
            for (RunRow row : selected) {
                curves.add(new RunComparison.Curves(row.name(), EpochRow.read(row.run())));
            }
            return curves;
        }, curves -> {
            comparedCurves = List.copyOf(curves);
            comparison.set(RunComparison.of(comparedCurves, chartedMetric.get()));
        }, error -> message.set("Cannot read the curves: " + UiErrors.describe(error)));
    }

    /** The metric charted per run when three or more runs are compared. */
    public ObjectProperty<Metric> chartedMetricProperty() {
        return chartedMetric;
    }

    /** Whether Resume applies: the run did not complete, and nothing trains in this window. */
    public boolean canResume(RunRow row) {
        return row != null && row.resumable() && !training.runningProperty().get()
                && !training.otherJobTrainingProperty().get();
    }

    /** Continues the run's training in the Training panel. */
    public void resume(RunRow row) {
        training.resumeRun(row.run());
        model.jobs().say("Resuming " + row.name() + ": progress in the Training tab");
    }

    /** Export files already in the folder the run's export would go to: ask before replacing. */
    public List<Path> exportClashes(RunRow row, Path folder) {
        return ProjectorBundle.existing(EmbeddingExport.target(folder, row.run()));
    }

    /**
     * Writes the Projector and NumPy files of the run's test split into
     * {@code folder/RUN-projector}, in the background.
     *
     * @param replace whether the user agreed to replace the files {@link #exportClashes} named
     * @return the job's cancellation flag
     */
    public Cancellation exportEmbeddings(RunRow row, Path folder, boolean replace) {
        Dataset loaded = model.datasetProperty().get();
        RunDirectory run = row.run();
        return model.jobs().submit("Export embeddings of " + row.name(),
                (progress, cancel) -> EmbeddingExport.write(run, loaded, model.dataOptions(), folder,
                        replace, progress, cancel),
                result -> message.set(String.format(Locale.ROOT, "Wrote %,d embeddings (%d-d) to %s:"
                        + " Projector files (tensorboard --logdir %s) and embeddings.npy + labels.npy",
                        result.rows(), result.dim(), result.folder(), result.folder())),
                error -> message.set("Export failed: " + UiErrors.describe(error)));
    }

    /** Copies the run's per-epoch metrics.csv to {@code file}. */
    public void exportMetrics(RunRow row, Path file) {
        RunDirectory run = row.run();
        model.jobs().submit("Export metrics of " + row.name(), (progress, cancel) -> {
            if (!Files.exists(run.metricsFile())) {
                throw new IOException(run.name() + " has no metrics.csv yet: it has not finished an epoch");
            }
            AtomicFiles.writeBytes(file, Files.readAllBytes(run.metricsFile()));
            return file;
        }, written -> message.set("Wrote the metrics of " + row.name() + " to " + written),
                error -> message.set("Export failed: " + UiErrors.describe(error)));
    }

    /** Writes the whole runs table (config and final metrics of every run) as CSV. */
    public void exportTable(Path file) {
        Table snapshot = table.get();
        model.jobs().submit("Export runs table", (progress, cancel) -> {
            StringWriter text = new StringWriter();
            snapshot.write().csv(text);
            AtomicFiles.writeString(file, text.toString());
            return file;
        }, written -> message.set("Wrote " + snapshot.rowCount() + " runs to " + written),
                error -> message.set("Export failed: " + UiErrors.describe(error)));
    }

    // ---- what the view binds to ----------------------------------------------------------------

    /** The folders scanned: the runs folder first, then any opened. */
    public ObservableList<Path> roots() {
        return FXCollections.unmodifiableObservableList(roots);
    }

    public ObservableList<RunRow> rows() {
        return rows;
    }

    /** The catalog table of the last scan (columns of the view, and the CSV export). */
    public ReadOnlyObjectProperty<Table> tableProperty() {
        return table.getReadOnlyProperty();
    }

    /** The row the view should select after {@link #open} (set anew each time). */
    public ReadOnlyObjectProperty<RunRow> selectionRequestProperty() {
        return selectionRequest.getReadOnlyProperty();
    }

    /** The curves on the comparison charts, or null. */
    public ReadOnlyObjectProperty<RunComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** "3 runs in /home/me/.dml-workbench/runs". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The result or error of the last action, one sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a scan runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public TrainingViewModel training() {
        return training;
    }
}
