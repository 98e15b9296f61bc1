package org.dmlworkbench.ui.study;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dmlworkbench.study.StudyPlan;
import org.dmlworkbench.study.StudyReport;
import org.dmlworkbench.study.StudyRunner;
import org.dmlworkbench.study.StudyState;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.ui.UiErrors;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.runview.LatestOnFx;

/**
 * The Study panel's state: the open study, its runs with their status, Run/Stop through
 * {@code Jobs}, and the aggregate table and plot once runs complete. Study folders go to
 * {@code RUNS_ROOT/studies/<name>}.
 */
public final class StudyViewModel {

    private final WorkbenchModel model;
    private final ReadOnlyObjectWrapper<LoadedStudy> study = new ReadOnlyObjectWrapper<>();
    private final ObservableList<StudyRunRow> runs = FXCollections.observableArrayList();
    private final ObservableList<StudySummaryRow> summary = FXCollections.observableArrayList();
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final StringProperty metric = new SimpleStringProperty();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No study open");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(
            "Open a study file (JSON or YAML), e.g. studies/involution-activation.json.");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Path> plot = new ReadOnlyObjectWrapper<>();
    private final AtomicReference<StudyRunner> runner = new AtomicReference<>();
    private final LatestOnFx<Double> progressUpdates = new LatestOnFx<>(progress::set);

    public StudyViewModel(WorkbenchModel model) {
        this.model = model;
        metric.addListener((obs, old, name) -> showMetric());
        model.onShutdown(this::stop);
    }

    /** The folder a study's runs and report go to. */
    public Path folderFor(String studyName) {
        return model.runsRoot().resolve("studies").resolve(studyName);
    }

    /** Reads a study file and what its folder already holds. */
    public void open(Path file) {
        if (running.get()) {
            message.set("Stop the running study before opening another.");
            return;
        }
        model.jobs().submit("Open study", (p, cancel) -> {
            String name = org.dmlworkbench.study.StudySpec.read(file).name();
            return LoadedStudy.read(file, folderFor(name));
        }, this::show, error -> message.set(UiErrors.describe(error)));
    }

    /** Runs (or resumes) every unfinished run, then writes the report. */
    public void run() {
        LoadedStudy loaded = study.get();
        if (loaded == null || running.get()) {
            return;
        }
        running.set(true);
        progress.set(0);
        message.set("Running " + loaded.plan().runs().size() + " runs...");
        StudyRunner studyRunner = new StudyRunner(loaded.plan(), loaded.folder().root(), model.dataOptions());
        runner.set(studyRunner);
        model.jobs().submit("Study " + loaded.plan().spec().name(), (p, cancel) -> {
            StudyRunner.Outcome outcome = studyRunner.run(loaded.file(), new Listener(loaded.plan()));
            StudyReport.write(loaded.folder());
            return new Object[] {outcome, LoadedStudy.read(loaded.file(), loaded.folder().root())};
        }, result -> {
            finishRun();
            StudyRunner.Outcome outcome = (StudyRunner.Outcome) result[0];
            show((LoadedStudy) result[1]);
            message.set(outcome.stopped()
                    ? "Stopped after " + outcome.completed() + " runs; Run continues where it stopped."
                    : outcome.completed() + " runs completed" + (outcome.failed() > 0
                            ? ", " + outcome.failed() + " failed (see the table)" : "")
                            + "; report: " + loaded.folder().reportFile());
        }, error -> {
            finishRun();
            message.set(UiErrors.describe(error));
        });
    }

    /** Stops after the current step; the run keeps a checkpoint and Run resumes it. */
    public void stop() {
        StudyRunner current = runner.get();
        if (current != null) {
            current.stop();
            Platform.runLater(() -> message.set("Stopping after the current step..."));
        }
    }

    private void finishRun() {
        running.set(false);
        runner.set(null);
    }

    private void show(LoadedStudy loaded) {
        study.set(loaded);
        title.set(loaded.plan().spec().title());
        runs.setAll(loaded.runRows());
        String previous = metric.get();
        // replacing the items may clear a bound ChoiceBox's value (and so the metric): set it again
        metrics.setAll(loaded.plan().spec().metrics());
        String wanted = previous != null && metrics.contains(previous) ? previous : metrics.get(0);
        if (wanted.equals(metric.get())) {
            showMetric();
        } else {
            metric.set(wanted);
        }
        long done = loaded.state() == null ? 0 : loaded.state().count(StudyState.Status.COMPLETED);
        progress.set(loaded.plan().runs().isEmpty() ? 0 : (double) done / loaded.plan().runs().size());
        if (!running.get()) {
            message.set(loaded.plan().runs().size() + " runs in " + loaded.plan().groups().size()
                    + " groups, " + done + " completed; folder " + loaded.folder().root());
        }
    }

    private void showMetric() {
        LoadedStudy loaded = study.get();
        if (loaded == null || metric.get() == null) {
            summary.clear();
            plot.set(null);
            return;
        }
        summary.setAll(loaded.summaryRows(metric.get()));
        plot.set(loaded.plot(metric.get()));
    }

    /** Study events from the worker thread: per-run changes are rare, steps are coalesced. */
    private final class Listener implements StudyRunner.Listener {
        private final StudyPlan plan;
        private final int total;

        Listener(StudyPlan plan) {
            this.plan = plan;
            this.total = plan.runs().size();
        }

        @Override
        public void onRunStart(StudyPlan.PlannedRun run, int index, int count, boolean resuming) {
            Platform.runLater(() -> setStatus(index, resuming ? "resuming" : "running"));
            progressUpdates.post((double) index / total);
        }

        @Override
        public TrainingObserver observer(StudyPlan.PlannedRun run) {
            int index = plan.runs().indexOf(run);
            return new TrainingObserver() {
                private int epochs = 1;

                @Override
                public void onStart(Start start) {
                    epochs = Math.max(1, start.epochs());
                }

                @Override
                public void onStep(Step step) {
                    double within = (step.epoch() + (double) step.step() / step.stepsPerEpoch()) / epochs;
                    progressUpdates.post((index + Math.min(1, within)) / total);
                }
            };
        }

        @Override
        public void onRunEnd(StudyPlan.PlannedRun run, int index, int count, StudyState.Entry entry) {
            String status = entry.status.name().toLowerCase(Locale.ROOT);
            Platform.runLater(() -> setStatus(index, status));
            progressUpdates.post((double) (index + 1) / total);
        }

        private void setStatus(int index, String status) {
            if (index < runs.size()) {
                runs.set(index, runs.get(index).withStatus(status));
            }
        }
    }

    public ReadOnlyObjectProperty<LoadedStudy> studyProperty() {
        return study.getReadOnlyProperty();
    }

    public ObservableList<StudyRunRow> runs() {
        return runs;
    }

    public ObservableList<StudySummaryRow> summary() {
        return summary;
    }

    public ObservableList<String> metrics() {
        return metrics;
    }

    public StringProperty metricProperty() {
        return metric;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> plotProperty() {
        return plot.getReadOnlyProperty();
    }
}
