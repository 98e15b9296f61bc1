package org.dmlworkbench.ui.study;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.study.StudyReport;
import org.dmlworkbench.study.StudyRunner;
import org.dmlworkbench.study.StudySpec;
import org.dmlworkbench.study.StudyState;
import org.dmlworkbench.ui.TrainingSlot;
import org.dmlworkbench.ui.UiErrors;
import org.dmlworkbench.ui.WorkbenchModel;

/**
 * The Study panel's state: the open study with the data and epochs the panel puts over every run
 * (as {@code study run --data --epochs} does), its runs with their status (and why a run
 * failed), and the aggregate table and plot once runs complete. Run first times the runs on this
 * machine and shows the plan with its estimated time; the study trains once the plan is
 * confirmed, holding the window's training slot. Study folders go to
 * {@code RUNS_ROOT/studies/<name>[-<data>][-<N>ep]}.
 */
public final class StudyViewModel {

    /** Where the panel stands: nothing under way, timing the runs, showing the plan, training. */
    public enum Phase { IDLE, TIMING, CONFIRMING, RUNNING }

    private final WorkbenchModel model;
    private final ReadOnlyObjectWrapper<LoadedStudy> study = new ReadOnlyObjectWrapper<>();
    private final ObservableList<StudyRunRow> runs = FXCollections.observableArrayList();
    private final ObservableList<StudySummaryRow> summary = FXCollections.observableArrayList();
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final StringProperty metric = new SimpleStringProperty();
    private final StringProperty dataOverride = new SimpleStringProperty("");
    private final StringProperty epochsOverride = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper overrideProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No study open");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(
            "Open a study file (JSON or YAML), e.g. studies/involution-activation.json.");
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper runProgress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lockNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Path> plot = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canRun;
    private final AtomicReference<StudyRunner> runner = new AtomicReference<>();
    private Path file;
    private int loadRequest;
    private StudyEstimate estimate;
    private Cancellation timing;
    private String slotJob = "";

    public StudyViewModel(WorkbenchModel model) {
        this.model = model;
        metric.addListener((obs, old, name) -> showMetric());
        dataOverride.addListener((obs, old, now) -> reload());
        epochsOverride.addListener((obs, old, now) -> reload());
        phase.addListener((obs, old, now) -> running.set(now == Phase.RUNNING));
        TrainingSlot slot = model.trainingSlot();
        slot.holderProperty().addListener((obs, old, holder) -> showLock(holder));
        canRun = Bindings.createBooleanBinding(() -> study.get() != null && phase.get() == Phase.IDLE
                && overrideProblem.get().isEmpty() && lockNote.get().isEmpty(),
                study, phase, overrideProblem, lockNote);
        showLock(slot.holderProperty().get());
        model.onShutdown(this::stop);
    }

    /** The folder a study's runs and report go to (without overrides). */
    public Path folderFor(String studyName) {
        return folderFor(studyName, StudyOverrides.NONE);
    }

    private Path folderFor(String studyName, StudyOverrides overrides) {
        return model.runsRoot().resolve("studies").resolve(overrides.folderName(studyName));
    }

    /** Reads a study file and what its folder already holds. */
    public void open(Path studyFile) {
        if (phase.get() != Phase.IDLE && phase.get() != Phase.CONFIRMING) {
            message.set("Stop the study under way before opening another.");
            return;
        }
        file = studyFile;
        phase.set(Phase.IDLE);
        reload();
    }

    /** Reads the open study again with the panel's data and epochs (on open, and as they change). */
    private void reload() {
        StudyOverrides overrides;
        try {
            overrides = StudyOverrides.parse(dataOverride.get(), epochsOverride.get());
            overrideProblem.set("");
        } catch (IllegalArgumentException e) {
            overrideProblem.set(UiErrors.describe(e));
            return;
        }
        if (file == null || phase.get() == Phase.RUNNING || phase.get() == Phase.TIMING) {
            return;
        }
        phase.set(Phase.IDLE);
        Path source = file;
        int request = ++loadRequest;
        DatasetLocator.Options options = model.dataOptions();
        model.jobs().submit("Open study", (p, cancel) -> {
            String name = StudySpec.read(source).name();
            return LoadedStudy.read(source, folderFor(name, overrides), overrides, options);
        }, loaded -> {
            if (request == loadRequest) {
                estimate = null;
                show(loaded);
            }
        }, error -> {
            if (request == loadRequest) {
                message.set(UiErrors.describe(error));
            }
        });
    }

    /**
     * Run: times one run of each group still to train on this machine, then shows the plan with
     * its estimated time and waits for {@link #confirm} (or {@link #cancelPlan}).
     */
    public void prepare() {
        LoadedStudy loaded = study.get();
        if (loaded == null || !canRun.get() || !takeSlot(loaded)) {
            return;
        }
        phase.set(Phase.TIMING);
        message.set("Timing the runs on this machine (a few steps of each group)...");
        DatasetLocator locator = new DatasetLocator(model.dataOptions());
        timing = model.jobs().submit("Timing study " + loaded.plan().spec().name(), (p, cancel) -> {
            try {
                return StudyEstimate.measure(loaded, locator::load, p, cancel);
            } catch (CancelledException stopped) {
                return null;
            }
        }, measured -> {
            releaseSlot();
            timing = null;
            if (measured == null || study.get() != loaded) {
                phase.set(Phase.IDLE);
                message.set("Timing stopped; nothing trained.");
                return;
            }
            estimate = measured;
            plan.set(PlanText.of(loaded, measured));
            phase.set(Phase.CONFIRMING);
            message.set("Check the plan, then start the runs, or cancel.");
        }, error -> {
            releaseSlot();
            timing = null;
            phase.set(Phase.IDLE);
            message.set("Cannot time the study: " + UiErrors.describe(error));
        });
    }

    /** Starts the runs of the plan on show. */
    public void confirm() {
        if (phase.get() == Phase.CONFIRMING) {
            phase.set(Phase.IDLE);
            run();
        }
    }

    /** Back from the plan without training. */
    public void cancelPlan() {
        if (phase.get() == Phase.CONFIRMING) {
            phase.set(Phase.IDLE);
            message.set("Nothing trained. Change the data or epochs, or press Run again.");
        }
    }

    /** Runs (or resumes) every unfinished run at once, then writes the report. */
    public void run() {
        LoadedStudy loaded = study.get();
        if (loaded == null || phase.get() != Phase.IDLE || !overrideProblem.get().isEmpty()
                || !takeSlot(loaded)) {
            return;
        }
        phase.set(Phase.RUNNING);
        progress.set(0);
        runProgress.set("");
        message.set("Running " + loaded.plan().runs().size() + " runs...");
        StudyRunner studyRunner = new StudyRunner(loaded.plan(), loaded.folder().root(), model.dataOptions());
        runner.set(studyRunner);
        StudyProgress listener = new StudyProgress(loaded.plan(), estimate == null ? null : estimate.runSeconds(),
                this::setStatus, progress::set, runProgress::set);
        StudyOverrides overrides = StudyOverrides.parse(dataOverride.get(), epochsOverride.get());
        DatasetLocator.Options options = model.dataOptions();
        model.jobs().submit("Study " + loaded.plan().spec().name(), (p, cancel) -> {
            StudyRunner.Outcome outcome = studyRunner.run(loaded.file(), listener);
            StudyReport.write(loaded.folder());
            LoadedStudy after = LoadedStudy.read(loaded.file(), loaded.folder().root(), overrides, options);
            return new Object[] {outcome, after};
        }, result -> {
            finishRun();
            StudyRunner.Outcome outcome = (StudyRunner.Outcome) result[0];
            show((LoadedStudy) result[1]);
            message.set(outcome.stopped()
                    ? "Stopped after " + outcome.completed() + " runs; Run continues where it stopped."
                    : outcome.completed() + " runs completed" + (outcome.failed() > 0
                            ? ", " + outcome.failed() + " failed (the table says why)" : "")
                            + "; report: " + loaded.folder().reportFile());
        }, error -> {
            finishRun();
            message.set(UiErrors.describe(error));
        });
    }

    /** Stops the timing, or the training after the current step (the run keeps a checkpoint). */
    public void stop() {
        Cancellation current = timing;
        if (current != null) {
            current.cancel();
        }
        StudyRunner training = runner.get();
        if (training != null) {
            training.stop();
            Platform.runLater(() -> message.set("Stopping after the current step..."));
        }
    }

    private boolean takeSlot(LoadedStudy loaded) {
        // Named first: taking the slot tells the listeners, which must see it as this panel's.
        slotJob = "the study '" + loaded.plan().spec().name() + "' (Study tab)";
        if (!model.trainingSlot().take(slotJob)) {
            slotJob = "";
            showLock(model.trainingSlot().holderProperty().get());
            return false;
        }
        return true;
    }

    private void releaseSlot() {
        model.trainingSlot().release(slotJob);
        slotJob = "";
    }

    private void showLock(String holder) {
        lockNote.set(holder.isEmpty() || holder.equals(slotJob) ? ""
                : "Run waits: " + holder + " is training; one training runs at a time.");
    }

    private void finishRun() {
        // The estimate was for the runs then left to train; a later Run times what is left then.
        estimate = null;
        runner.set(null);
        releaseSlot();
        phase.set(Phase.IDLE);
    }

    private void setStatus(int index, String status, String reason) {
        if (index < runs.size()) {
            runs.set(index, runs.get(index).withStatus(status, reason));
        }
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
        plan.set(PlanText.of(loaded, estimate));
        if (phase.get() != Phase.RUNNING) {
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

    /** The data set for every run ("" for the study's own): like {@code study run --data}. */
    public StringProperty dataOverrideProperty() {
        return dataOverride;
    }

    /** The epochs of every run as typed ("" for the study's own): like {@code study run --epochs}. */
    public StringProperty epochsOverrideProperty() {
        return epochsOverride;
    }

    /** Why the epochs typed cannot be used, or "". */
    public ReadOnlyStringProperty overrideProblemProperty() {
        return overrideProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Runs, epochs and data of the study as it would run, and its estimated time once timed. */
    public ReadOnlyStringProperty planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** The run in progress: its epoch, step, rate and ETA, and the study's ETA. */
    public ReadOnlyStringProperty runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    /** Why Run waits for another job of the window, or "". */
    public ReadOnlyStringProperty lockNoteProperty() {
        return lockNote.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** True while the study trains. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True when Run may start: a study is open, nothing is under way, the overrides hold. */
    public BooleanBinding canRunBinding() {
        return canRun;
    }

    public ReadOnlyObjectProperty<Path> plotProperty() {
        return plot.getReadOnlyProperty();
    }
}
