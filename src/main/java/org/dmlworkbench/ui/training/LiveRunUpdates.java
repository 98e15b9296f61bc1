package org.dmlworkbench.ui.training;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.training.TrainingViewModel.State;

/**
 * Applies what the training thread left in the {@link EventInbox} to the run on show: the
 * curves, the texts and the progress line, and the move from preparing to running. It keeps
 * what waits for the run's start report: the epochs a resumed run finished before, and whether
 * the loss curve on show is kept up to the resume point. Used on the JavaFX thread only.
 */
final class LiveRunUpdates {

    private final WorkbenchModel model;
    private final EventInbox inbox;
    private final TrainingCurves curves;
    private final TrainingDisplay display;
    private final ProgressLine line;
    private final ReadOnlyObjectWrapper<State> state;
    private final Supplier<RunDirectory> shownRun;
    private List<EpochRow> pendingHistory;
    /** A resume of the run on show keeps its loss curve up to the resume point. */
    private boolean keepLossOnStart;

    LiveRunUpdates(WorkbenchModel model, EventInbox inbox, TrainingCurves curves, TrainingDisplay display,
            ProgressLine line, ReadOnlyObjectWrapper<State> state, Supplier<RunDirectory> shownRun) {
        this.model = model;
        this.inbox = inbox;
        this.curves = curves;
        this.display = display;
        this.line = line;
        this.state = state;
        this.shownRun = shownRun;
    }

    /** Drops the history that waits for a start report (the curves on show are cleared). */
    void dropPendingHistory() {
        pendingHistory = null;
    }

    /** Whether the next start report trims the loss curve on show to the resume point. */
    void keepLossOnStart(boolean keep) {
        keepLossOnStart = keep;
    }

    /** Takes everything out of the inbox and applies it, in the order {@link EventInbox.Drained} gives. */
    void drain() {
        EventInbox.Drained drained = inbox.drain();
        if (drained.history() != null) {
            pendingHistory = drained.history();
        }
        if (drained.start() != null) {
            applyStart(drained.start());
        }
        if (drained.stepCount() > 0) {
            curves.addSteps(drained.positions(), drained.losses());
        }
        if (drained.latest() != null) {
            if (state.get() == State.PREPARING) {
                state.set(State.RUNNING);
            }
            display.progress.set(ProgressText.fraction(drained.latest(), display.epochs.get()));
            line.step(drained.latest());
        }
        drained.epochs().forEach(this::applyEpoch);
        if (drained.phase() != null) {
            line.phase(drained.phase().name(), drained.phase().done(), drained.phase().total());
        }
    }

    private void applyStart(TrainingObserver.Start start) {
        display.epochs.set(start.epochs());
        display.device.set(start.device());
        if (pendingHistory != null) {
            pendingHistory.stream().filter(row -> row.epoch() <= start.startEpoch()).forEach(curves::addRow);
            pendingHistory = null;
        }
        long done = (long) start.startEpoch() * start.stepsPerEpoch() + start.startStep();
        display.progress.set((double) done / ((long) start.epochs() * start.stepsPerEpoch()));
        if (keepLossOnStart) {
            // Steps after the checkpoint are trained again: their old losses go.
            curves.keepLossUpTo(start.startEpoch() + (double) start.startStep() / start.stepsPerEpoch());
            keepLossOnStart = false;
        }
        if (state.get() == State.PREPARING) {
            state.set(State.RUNNING);
        }
        line.started(start);
        // The run's manifest is written by now: it says how the sampler resolved.
        RunDirectory live = shownRun.get();
        if (live != null) { // null when the inbox is fed without a run folder (a unit test's drain)
            model.jobs().submitQuietly("Reading " + live.name(), (progress, cancel) -> live.readManifest().sampling(),
                    sampling -> {
                        if (shownRun.get() == live) {
                            display.runBatches.set(RunSnapshot.batches(sampling));
                        }
                    }, failure -> { });
        }
        model.jobs().say(String.format(Locale.US, "Training %s on %s: %,d parameters, %d steps per epoch",
                display.runName.get(), start.device(), start.parameters(), start.stepsPerEpoch()));
    }

    private void applyEpoch(TrainingObserver.Epoch epoch) {
        EpochRow row = EpochRow.of(epoch);
        curves.addRow(row);
        String metrics = row.evaluated()
                ? String.format(Locale.ROOT, " · P@1 %.4f · MAP@R %.4f", row.precisionAt1(), row.mapAtR())
                : "";
        model.jobs().say(String.format(Locale.ROOT, "Training %s: epoch %d/%d done · loss %.4f%s",
                display.runName.get(), row.epoch(), display.epochs.get(), row.trainLoss(), metrics));
    }
}
