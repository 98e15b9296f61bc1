package org.dmlworkbench.ui.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.study.ConfidenceInterval;
import org.dmlworkbench.study.StudyAggregate;
import org.dmlworkbench.study.StudyFolder;
import org.dmlworkbench.study.StudyPlan;
import org.dmlworkbench.study.StudyRunner;
import org.dmlworkbench.study.StudySpec;
import org.dmlworkbench.study.StudyState;
import org.dmlworkbench.config.TrainingConfig;

/**
 * A study file with its output folder as read from disk (on a worker thread): the plan (with the
 * panel's overrides), each run's config, what became of each run, and the aggregate of the
 * completed ones.
 *
 * @param configs each run's config, in run order, as the runner will train it
 */
public record LoadedStudy(Path file, StudyPlan plan, List<TrainingConfig> configs, StudyFolder folder,
        StudyState state, StudyAggregate aggregate) {

    /**
     * Reads the study and whatever its folder already holds.
     *
     * @throws IllegalArgumentException when a run's arguments do not parse (naming the run)
     */
    public static LoadedStudy read(Path file, Path folder, StudyOverrides overrides,
            DatasetLocator.Options dataOptions) throws IOException {
        StudyPlan plan = StudyPlan.expand(StudySpec.read(file), overrides.asArguments());
        List<TrainingConfig> configs = new StudyRunner(plan, folder, dataOptions).configs();
        StudyFolder studyFolder = new StudyFolder(folder);
        StudyState state = Files.isRegularFile(studyFolder.stateFile()) ? studyFolder.readState() : null;
        StudyAggregate aggregate = StudyAggregate.compute(plan, studyFolder);
        return new LoadedStudy(file, plan, List.copyOf(configs), studyFolder, state, aggregate);
    }

    /** Whether a run is still to train (not completed, not failed). */
    public boolean pending(StudyPlan.PlannedRun run) {
        StudyState.Entry entry = state == null ? null : state.entry(run.id());
        return entry == null || (entry.status != StudyState.Status.COMPLETED
                && entry.status != StudyState.Status.FAILED);
    }

    /** The table rows: each run's status and first metric. */
    public List<StudyRunRow> runRows() {
        String metric = plan.spec().metrics().get(0);
        List<StudyRunRow> rows = new ArrayList<>();
        for (StudyPlan.PlannedRun run : plan.runs()) {
            StudyState.Entry entry = state == null ? null : state.entry(run.id());
            Double value = aggregate.results().stream().filter(r -> r.run().id().equals(run.id()))
                    .map(r -> r.metrics().get(metric)).findFirst().orElse(null);
            rows.add(new StudyRunRow(run.id(),
                    entry == null ? "pending" : entry.status.name().toLowerCase(Locale.ROOT),
                    value == null ? "" : String.format(Locale.ROOT, "%.4f", value),
                    entry == null || entry.seconds == 0 ? "" : String.format(Locale.ROOT, "%.0f", entry.seconds),
                    reason(entry)));
        }
        return rows;
    }

    /** Why a run failed, as its trainer said; "" for a run that did not fail. */
    static String reason(StudyState.Entry entry) {
        return entry != null && entry.status == StudyState.Status.FAILED && entry.message != null
                ? entry.message : "";
    }

    /** The summary rows of one metric. */
    public List<StudySummaryRow> summaryRows(String metric) {
        List<StudySummaryRow> rows = new ArrayList<>();
        for (StudyAggregate.Summary s : aggregate.summaries(metric)) {
            ConfidenceInterval ci = s.interval();
            rows.add(new StudySummaryRow(s.group(), ci.n(), number(ci.mean()), number(ci.sd()),
                    Double.isFinite(ci.low()) ? "[" + number(ci.low()) + ", " + number(ci.high()) + "]" : "",
                    number(s.paper())));
        }
        return rows;
    }

    /** The report's plot of a metric against the first factor, when written. */
    public Path plot(String metric) {
        Path file = folder.plotsDir().resolve("metric-" + metric.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        return Files.isRegularFile(file) ? file : null;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "";
    }
}
