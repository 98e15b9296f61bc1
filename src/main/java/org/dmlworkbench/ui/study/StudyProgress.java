package org.dmlworkbench.ui.study;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.dmlworkbench.study.StudyPlan;
import org.dmlworkbench.study.StudyRunner;
import org.dmlworkbench.study.StudyState;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.ui.runview.LatestOnFx;
import org.dmlworkbench.ui.training.ProgressText;

/**
 * A study's events from its worker thread, turned into what the panel shows: each run's status
 * as it changes, the study's share done, and one line on the run in progress ("run 2/6 seed=2 ·
 * epoch 3/15 · step 120/468 · 1,834 img/s · ETA 0:42 · study ETA 12:30"). Steps are coalesced:
 * at most one update per frame reaches the JavaFX thread.
 */
final class StudyProgress implements StudyRunner.Listener {

    /** Where a run's new status goes, on the JavaFX thread. */
    @FunctionalInterface
    interface RunStatusSink {
        void runStatus(int index, String status, String reason);
    }

    private final StudyPlan plan;
    private final int total;
    private final List<Double> estimatedSeconds;
    private final RunStatusSink statuses;
    private final LatestOnFx<Double> share;
    private final LatestOnFx<String> line;

    /**
     * @param estimatedSeconds each run's estimated seconds (a measured estimate), or null when
     *     none was made: the line then has no study ETA
     */
    StudyProgress(StudyPlan plan, List<Double> estimatedSeconds, RunStatusSink statuses, Consumer<Double> share,
            Consumer<String> line) {
        this.plan = plan;
        this.total = plan.runs().size();
        this.estimatedSeconds = estimatedSeconds;
        this.statuses = statuses;
        this.share = new LatestOnFx<>(share);
        this.line = new LatestOnFx<>(line);
    }

    @Override
    public void onRunStart(StudyPlan.PlannedRun run, int index, int count, boolean resuming) {
        Platform.runLater(() -> statuses.runStatus(index, resuming ? "resuming" : "running", ""));
        share.post((double) index / total);
        line.post(label(index) + " · " + (resuming ? "resuming from its checkpoint" : "preparing"));
    }

    @Override
    public TrainingObserver observer(StudyPlan.PlannedRun run) {
        int index = plan.runs().indexOf(run);
        return new TrainingObserver() {
            private volatile int epochs = 1;
            private volatile int epoch;

            @Override
            public void onStart(Start start) {
                epochs = Math.max(1, start.epochs());
                epoch = start.startEpoch();
            }

            @Override
            public void onStep(Step step) {
                epoch = step.epoch();
                double within = (step.epoch() + (double) step.step() / step.stepsPerEpoch()) / epochs;
                share.post((index + Math.min(1, within)) / total);
                line.post(label(index) + " · " + ProgressText.of(step, epochs)
                        + studyEta(index, ProgressText.runEtaSeconds(step, epochs)));
            }

            @Override
            public void update(String task, long done, long total, String unit) {
                line.post(label(index) + " · " + ProgressText.phase(epoch, epochs, task, done, total));
            }
        };
    }

    @Override
    public void onRunEnd(StudyPlan.PlannedRun run, int index, int count, StudyState.Entry entry) {
        String status = entry.status.name().toLowerCase(Locale.ROOT);
        String reason = LoadedStudy.reason(entry);
        Platform.runLater(() -> statuses.runStatus(index, status, reason));
        share.post((double) (index + 1) / total);
        line.post(label(index) + " · " + status + (reason.isEmpty() ? "" : ": " + reason));
    }

    private String label(int index) {
        return "run " + (index + 1) + "/" + total + " " + plan.runs().get(index).id();
    }

    /** " · study ETA 12:30": this run's rest plus the estimates of the runs after it. */
    private String studyEta(int index, double runEta) {
        if (estimatedSeconds == null || !Double.isFinite(runEta)) {
            return "";
        }
        double later = 0;
        for (int i = index + 1; i < estimatedSeconds.size(); i++) {
            later += estimatedSeconds.get(i);
        }
        return " · study ETA " + ProgressText.clock(runEta + later);
    }
}
