package org.dmlworkbench.ui.training;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.launch.TrainingJobs;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.UiErrors;
import org.dmlworkbench.ui.WorkbenchModel;

/**
 * The Training panel without a window: starts, pauses, resumes and stops training on a
 * background thread, and turns its events into chart series ({@link TrainingCurves}) and texts
 * ({@link TrainingDisplay}). Step events wait in an {@link EventInbox} and are applied at most
 * every {@link #DRAIN_MILLIS} ms; the loss curve keeps at most {@link #MAX_LOSS_POINTS} points per
 * series however long the run. When no training runs, it shows the active run's saved curves.
 * One instance per {@link WorkbenchModel} ({@link #of}), shared by the Training and Runs panels.
 * Used on the JavaFX thread only.
 */
public final class TrainingViewModel {

    /** Where the panel's training stands. */
    public enum State { IDLE, PREPARING, RUNNING, PAUSED, STOPPING }

    public static final int MAX_LOSS_POINTS = 1000;
    public static final double LOSS_SMOOTHING = 0.9;
    public static final long DRAIN_MILLIS = 100;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);
    private static final Map<WorkbenchModel, TrainingViewModel> INSTANCES = new HashMap<>();

    private final WorkbenchModel model;
    private final EventInbox inbox = new EventInbox();
    private final TrainingCurves curves = new TrainingCurves(MAX_LOSS_POINTS, LOSS_SMOOTHING);
    private final TrainingDisplay display = new TrainingDisplay();
    private final ProgressLine line = new ProgressLine(display.progressText);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<TrainingOutcome> outcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunDirectory> resumableRun = new ReadOnlyObjectWrapper<>();
    private final StartGate gate;
    private final LiveRunUpdates updates;
    private TrainingSession session;
    private RunDirectory shownRun;
    private Timeline drainTimer;
    private boolean detectingDevice;

    private TrainingViewModel(WorkbenchModel model) {
        this.model = model;
        state.addListener((obs, old, now) -> running.set(now != State.IDLE));
        gate = new StartGate(model, state.isEqualTo(State.IDLE), display.configSummary, display.formBatches);
        updates = new LiveRunUpdates(model, inbox, curves, display, line, state, () -> shownRun);
        model.activeRunProperty().addListener((obs, old, run) -> show(run));
        model.onShutdown(this::stopForShutdown);
        // The map's value holds its key, so the entry must go explicitly when the window closes.
        model.onShutdown(() -> forget(model));
    }

    /** The view-model of {@code model}'s window, created on first use. */
    public static synchronized TrainingViewModel of(WorkbenchModel model) {
        return INSTANCES.computeIfAbsent(model, TrainingViewModel::new);
    }

    private static synchronized void forget(WorkbenchModel model) {
        INSTANCES.remove(model);
    }

    // ---- commands ----------------------------------------------------------------------------

    /**
     * Trains a new run on the loaded data into a date-time folder under the runs root, and makes
     * it the active run.
     *
     * @param override the config to use instead of the model's, or null
     * @return the run folder
     * @throws IllegalStateException saying why it cannot start: training already, no data, the
     *     form holds a rejected value (without {@code override}), another job trains
     */
    public RunDirectory start(TrainingConfig override) {
        requireIdle();
        Dataset data = model.datasetProperty().get();
        if (data == null) {
            throw new IllegalStateException("load a data set (Data tab) before starting training");
        }
        if (override == null) {
            gate.requireFormShowsConfig();
        }
        TrainingConfig asked = override != null ? override : model.configProperty().get();
        // Record the data by the name it was loaded with, so Resume can load it again.
        TrainingConfig config = asked.toBuilder().data(data.name()).build();
        RunDirectory run = new RunDirectory(RunFolders.newRunFolder(model.runsRoot(),
                config.model().family(), LocalDateTime.now()));
        gate.take(run);
        begin(run, config.epochs(), "Preparing " + run.name() + ": building the model", false);
        launch(run, (observer, control) -> TrainingJobs.create(run, config, data, observer, control));
        return run;
    }

    /** Continues a stopped (or interrupted) run from its last checkpoint. */
    public void resumeRun(RunDirectory run) {
        requireIdle();
        gate.take(run);
        Dataset loaded = model.datasetProperty().get();
        // The per-step losses are not saved: those on show since this run trained here are all there are.
        boolean keepLoss = shownRun != null && shownRun.root().equals(run.root());
        begin(run, display.epochs.get(), "Resuming " + run.name() + ": loading its data and checkpoint", keepLoss);
        launch(run, (observer, control) -> {
            inbox.history(EpochRow.read(run));
            Dataset data = RunDatasets.forRun(run.readManifest(), loaded, model.dataOptions());
            return TrainingJobs.resume(run, data, observer, control);
        });
    }

    public void pause() {
        if (state.get() == State.RUNNING) {
            session.pause();
            state.set(State.PAUSED);
            line.paused();
        }
    }

    /** Continues a paused run. */
    public void resume() {
        if (state.get() == State.PAUSED) {
            session.resume();
            state.set(State.RUNNING);
            line.resumed();
        }
    }

    /** Stops after the current step (or evaluation), keeping a checkpoint and the model. */
    public void stop() {
        State now = state.get();
        if (now == State.PREPARING || now == State.RUNNING || now == State.PAUSED) {
            session.stop();
            state.set(State.STOPPING);
            line.stopping();
        }
    }

    /**
     * Stops any training and waits up to {@code timeout} for its checkpoint (window closing).
     *
     * @return true when no training thread is left
     */
    public boolean stopAndWait(Duration timeout) throws InterruptedException {
        TrainingSession current = session;
        return current == null || current.stopAndWait(timeout);
    }

    /** Whether this window is training {@code run} now. */
    public boolean isLive(RunDirectory run) {
        return session != null && run != null && session.run().root().equals(run.root());
    }

    /** Fills the device label with what "auto" resolves to, in the background (loads the engine). */
    public void detectDevice() {
        if (display.device.get().isEmpty() && !detectingDevice) {
            detectingDevice = true;
            DeviceProbe.describeAuto(found -> {
                if (display.device.get().isEmpty()) {
                    display.device.set(found);
                }
            });
        }
    }

    // ---- training lifecycle ------------------------------------------------------------------

    private void requireIdle() {
        if (state.get() != State.IDLE) {
            throw new IllegalStateException("training is already running (" + display.runName.get() + ")");
        }
    }

    private void begin(RunDirectory run, int runEpochs, String message, boolean keepLoss) {
        if (keepLoss) {
            curves.clearAllButLoss();
            updates.dropPendingHistory();
        } else {
            clearCurves();
        }
        updates.keepLossOnStart(keepLoss);
        shownRun = run;
        display.runName.set(run.name());
        display.epochs.set(Math.max(1, runEpochs));
        display.outcomeText.set("");
        display.outcomeKind.set("");
        display.runBatches.set("");
        display.progress.set(-1);
        line.epochs(runEpochs);
        line.begin(message);
        outcome.set(null);
        resumableRun.set(null);
        state.set(State.PREPARING);
        RunDirectory active = model.activeRunProperty().get();
        if (active == null || !active.root().equals(run.root())) {
            model.activeRunProperty().set(run);
        }
    }

    private void launch(RunDirectory run, TrainingSession.TrainerFactory factory) {
        inbox.drain();
        session = new TrainingSession(run, inbox, factory, end -> Platform.runLater(() -> finish(end)));
        if (drainTimer == null) {
            drainTimer = new Timeline(new KeyFrame(javafx.util.Duration.millis(DRAIN_MILLIS), e -> drain()));
            drainTimer.setCycleCount(Animation.INDEFINITE);
        }
        drainTimer.play();
        session.start();
        model.jobs().say("Training " + run.name() + "...");
    }

    private void finish(TrainingSession.End end) {
        if (session == null || session.run() != end.run()) {
            return;
        }
        drain();
        drainTimer.stop();
        session = null;
        gate.release();
        TrainingOutcome result = end.outcome();
        RunDirectory run = end.run();
        if (result.completed()) {
            display.progress.set(1);
            line.set("Finished " + display.epochs.get() + "/" + display.epochs.get() + " epochs");
        } else {
            display.progress.set(Math.max(0, display.progress.get()));
            line.ended(result.status() == TrainingOutcome.Status.STOPPED ? "stopped" : null);
        }
        display.outcomeText.set(OutcomeText.of(result));
        display.outcomeKind.set(OutcomeText.kind(result));
        resumableRun.set(end.resumable() ? run : null);
        state.set(State.IDLE);
        outcome.set(result);
        model.jobs().say("Training " + run.name() + ": " + display.outcomeText.get());
        // A new instance even for the same folder, so the Map and Query panels reload its model.
        model.activeRunProperty().set(new RunDirectory(run.root()));
    }

    /** Applies what the training thread left in the inbox (every DRAIN_MILLIS ms while training). */
    void drain() {
        updates.drain();
    }

    private void clearCurves() {
        curves.clear();
        updates.dropPendingHistory();
        updates.keepLossOnStart(false);
    }

    private void stopForShutdown() {
        try {
            stopAndWait(SHUTDOWN_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- showing a run that is not training ----------------------------------------------------

    private void show(RunDirectory run) {
        if (run == null || state.get() != State.IDLE
                || (shownRun != null && shownRun.root().equals(run.root()))) {
            return;
        }
        clearCurves();
        shownRun = run;
        display.runName.set(run.name());
        display.outcomeText.set("");
        display.outcomeKind.set("");
        display.runBatches.set("");
        display.progress.set(0);
        line.set("Loading " + run.name());
        outcome.set(null);
        resumableRun.set(null);
        model.jobs().submit("Loading run " + run.name(), (listener, cancel) -> RunSnapshot.read(run),
                snapshot -> applySnapshot(run, snapshot),
                error -> {
                    if (shownRun == run) {
                        line.set("");
                        display.outcomeText.set("Cannot read " + run.name() + ": " + UiErrors.describe(error));
                        display.outcomeKind.set("error");
                    }
                });
    }

    private void applySnapshot(RunDirectory run, RunSnapshot snapshot) {
        if (shownRun != run || state.get() != State.IDLE) {
            return;
        }
        int epochs = Math.max(1, snapshot.epochs());
        display.epochs.set(epochs);
        snapshot.rows().forEach(curves::addRow);
        int done = snapshot.status() != null ? snapshot.status().completedEpochs() : snapshot.rows().size();
        display.progress.set((double) done / epochs);
        line.set(done + "/" + epochs + " epochs trained");
        display.outcomeText.set(snapshot.describe());
        display.outcomeKind.set(snapshot.kind());
        display.runBatches.set(snapshot.batches());
        resumableRun.set(snapshot.resumable() ? run : null);
    }

    // ---- what the view binds to ----------------------------------------------------------------

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** True from Start until the training thread has ended. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** How the last training this window ran ended (null before the first ends). */
    public ReadOnlyObjectProperty<TrainingOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The run on show when it can be continued with Resume, else null. */
    public ReadOnlyObjectProperty<RunDirectory> resumableRunProperty() {
        return resumableRun.getReadOnlyProperty();
    }

    /** True when idle with a data set, a form without rejected values and no other job training. */
    public ReadOnlyBooleanProperty canStartProperty() {
        return gate.openProperty();
    }

    /** True while another panel's job (a study) holds the window's training slot. */
    public ReadOnlyBooleanProperty otherJobTrainingProperty() {
        return gate.otherJobTrainingProperty();
    }

    public TrainingDisplay display() {
        return display;
    }

    /** The curves of the run on show (live or loaded). */
    public TrainingCurves curves() {
        return curves;
    }

    /** Where the training thread's events wait (tests feed it directly). */
    EventInbox inbox() {
        return inbox;
    }

    LossCurve lossCurve() {
        return curves.lossCurve();
    }
}
