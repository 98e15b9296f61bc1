package org.dmlworkbench.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.run.MetricsLog;
import tech.tablesaw.api.Table;

/** Writes a study folder's {@code report.md}, {@code summary.csv} and {@code plots/*.png}. */
public final class StudyReport {

    private StudyReport() {}

    /** Aggregates the folder's completed runs and writes the report; returns the aggregate. */
    public static StudyAggregate write(StudyFolder folder) throws IOException {
        StudyPlan plan = folder.readPlan();
        StudyAggregate aggregate = StudyAggregate.compute(plan, folder);
        Table table = aggregate.table();
        AtomicFiles.write(folder.summaryFile(), out -> table.write().csv(out));
        Files.createDirectories(folder.plotsDir());
        List<String> plots = new ArrayList<>();
        if (!aggregate.results().isEmpty()) {
            for (String metric : plan.spec().metrics()) {
                String name = "metric-" + safe(metric) + ".png";
                StudyPlots.metricVsFactor(aggregate, metric, folder.plotsDir().resolve(name));
                plots.add(name);
            }
            Map<String, Table> curves = aggregate.learningCurves(folder);
            for (String column : curveColumns(plan.spec())) {
                String name = "curves-" + safe(column) + ".png";
                StudyPlots.learningCurves(aggregate, curves, column, folder.plotsDir().resolve(name));
                plots.add(name);
            }
        }
        AtomicFiles.writeString(folder.reportFile(), markdown(folder, aggregate, plots));
        return aggregate;
    }

    /** The command that runs this study again from its own folder or an export of it. */
    public static String rerunCommand(String studyFileName, Map<String, Object> overrides, String out) {
        return rerunCommand(studyFileName, overrides, Map.of(), out);
    }

    /** The same, with the study variables it was given ({@code --set name=value}). */
    public static String rerunCommand(String studyFileName, Map<String, Object> overrides,
            Map<String, String> variables, String out) {
        StringBuilder command = new StringBuilder("java -jar dml-workbench.jar study run ")
                .append(studyFileName).append(" --out ").append(out);
        overrides.forEach((option, value) -> command.append(" --").append(option).append(' ')
                .append(ArgumentList.text(value)));
        variables.forEach((name, value) -> command.append(" --set ").append(name).append('=')
                .append(value));
        return command.toString();
    }

    private static List<String> curveColumns(StudySpec spec) {
        List<String> columns = new ArrayList<>();
        for (String metric : spec.metrics()) {
            if (List.of(MetricsLog.COLUMNS).contains(metric) && !metric.equals("epoch")) {
                columns.add(metric);
            }
        }
        columns.add("train_loss");
        return columns;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String markdown(StudyFolder folder, StudyAggregate aggregate, List<String> plots)
            throws IOException {
        StudyPlan plan = aggregate.plan();
        StudySpec spec = plan.spec();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(spec.title()).append("\n\n");
        if (!spec.description().isEmpty()) {
            md.append(spec.description()).append("\n\n");
        }
        StudyState state = Files.isRegularFile(folder.stateFile()) ? folder.readState() : null;
        md.append("Study `").append(spec.name()).append("`: ").append(plan.runs().size())
                .append(" runs in ").append(plan.groups().size()).append(" groups; ")
                .append(aggregate.results().size()).append(" completed and counted here.");
        if (state != null && state.count(StudyState.Status.FAILED) > 0) {
            md.append(" Failed: ");
            state.runs.stream().filter(e -> e.status == StudyState.Status.FAILED)
                    .forEach(e -> md.append("`").append(e.id).append("` (").append(e.message).append("); "));
        }
        md.append("\n\nEvery run trains as `train ")
                .append(String.join(" ", plan.runs().get(0).trainArgs()))
                .append("` with its own factor levels (this is the first run).\n\n");
        md.append("Groups are the runs that differ only in seed. Mean, sample standard deviation"
                + " and the 95% confidence interval of the mean by Student's t"
                + " (mean +- t(0.975, n-1) sd / sqrt(n)).\n\n");
        boolean hasPaper = aggregate.summaries().stream().anyMatch(s -> Double.isFinite(s.paper()));
        for (String metric : spec.metrics()) {
            md.append("## ").append(metric).append("\n\n");
            md.append("| group | n | mean | sd | 95% CI |").append(hasPaper ? " paper |" : "").append('\n');
            md.append("|---|---:|---:|---:|---|").append(hasPaper ? "---:|" : "").append('\n');
            for (StudyAggregate.Summary s : aggregate.summaries(metric)) {
                ConfidenceInterval ci = s.interval();
                md.append("| ").append(s.group()).append(" | ").append(ci.n()).append(" | ")
                        .append(number(ci.mean())).append(" | ").append(number(ci.sd())).append(" | ")
                        .append(Double.isFinite(ci.low()) ? "[" + number(ci.low()) + ", "
                                + number(ci.high()) + "]" : "-")
                        .append(" |");
                if (hasPaper) {
                    md.append(' ').append(number(s.paper())).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        if (!plots.isEmpty()) {
            md.append("## Plots\n\n");
            for (String plot : plots) {
                md.append("![").append(plot).append("](plots/").append(plot).append(")\n\n");
            }
        }
        md.append("## Runs\n\n| run | status | seconds |");
        spec.metrics().forEach(m -> md.append(' ').append(m).append(" |"));
        md.append("\n|---|---|---:|");
        spec.metrics().forEach(m -> md.append("---:|"));
        md.append('\n');
        for (StudyPlan.PlannedRun run : plan.runs()) {
            StudyState.Entry entry = state == null ? null : state.entry(run.id());
            md.append("| ").append(run.id()).append(" | ")
                    .append(entry == null ? "pending" : entry.status.name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(entry == null ? "-" : String.format(Locale.ROOT, "%.0f", entry.seconds))
                    .append(" |");
            StudyAggregate.RunResult result = aggregate.results().stream()
                    .filter(r -> r.run().id().equals(run.id())).findFirst().orElse(null);
            for (String metric : spec.metrics()) {
                Double v = result == null ? null : result.metrics().get(metric);
                md.append(' ').append(v == null ? "-" : number(v)).append(" |");
            }
            md.append('\n');
        }
        md.append("\n## Reproduce\n\n```\n")
                .append(rerunCommand(folder.studyFile().getFileName().toString(), plan.overrides(), plan.variables(), "DIR"))
                .append("\n```\n");
        return md.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
    }
}
