package org.dmlworkbench.study;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.run.MetricsLog;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The study's numbers: each completed run's metrics from its {@code eval.json}, and per group of
 * runs that differ only in seed, n, mean, standard deviation and 95% confidence interval.
 */
public final class StudyAggregate {

    /** One completed run's final metrics (absent metrics are left out). */
    public record RunResult(StudyPlan.PlannedRun run, Map<String, Double> metrics) {}

    /** One metric of one group, with the paper's number when the study file gives one (else NaN). */
    public record Summary(String group, Map<String, String> levels, String metric,
            ConfidenceInterval interval, double paper) {}

    private final StudyPlan plan;
    private final List<RunResult> results;
    private final List<Summary> summaries;

    private StudyAggregate(StudyPlan plan, List<RunResult> results, List<Summary> summaries) {
        this.plan = plan;
        this.results = results;
        this.summaries = summaries;
    }

    /** Reads every completed run of the plan from the folder; unfinished runs are not counted. */
    public static StudyAggregate compute(StudyPlan plan, StudyFolder folder) throws IOException {
        List<RunResult> results = new ArrayList<>();
        for (StudyPlan.PlannedRun run : plan.runs()) {
            RunDirectory dir = folder.run(run);
            if (!Files.isRegularFile(dir.statusFile()) || !Files.isRegularFile(dir.evalFile())
                    || dir.readStatus().state() != RunStatus.State.COMPLETED) {
                continue;
            }
            Map<String, Object> eval = dir.readEval();
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String metric : plan.spec().metrics()) {
                Double value = lookup(eval, metric);
                if (value != null) {
                    metrics.put(metric, value);
                }
            }
            results.add(new RunResult(run, metrics));
        }
        List<Summary> summaries = new ArrayList<>();
        for (String group : plan.groups()) {
            Map<String, String> levels = levelsOf(plan, group);
            for (String metric : plan.spec().metrics()) {
                double[] values = results.stream()
                        .filter(r -> r.run().group().equals(group) && r.metrics().containsKey(metric))
                        .mapToDouble(r -> r.metrics().get(metric)).toArray();
                summaries.add(new Summary(group, levels, metric, ConfidenceInterval.of(values),
                        paperValue(plan.spec(), plan, group, levels, metric)));
            }
        }
        return new StudyAggregate(plan, List.copyOf(results), List.copyOf(summaries));
    }

    /** A metric from eval.json; a dotted name reaches into objects, e.g. {@code recall_at_k.1}. */
    static Double lookup(Map<String, Object> eval, String metric) {
        Object value = eval.get(metric);
        if (value == null && metric.contains(".")) {
            int dot = metric.indexOf('.');
            Object inner = eval.get(metric.substring(0, dot));
            if (inner instanceof Map) {
                value = ((Map<?, ?>) inner).get(metric.substring(dot + 1));
            }
        }
        return value instanceof Number ? ((Number) value).doubleValue() : null;
    }

    private static Map<String, String> levelsOf(StudyPlan plan, String group) {
        Map<String, String> levels = new LinkedHashMap<>();
        plan.runs().stream().filter(r -> r.group().equals(group)).findFirst().ifPresent(r ->
                r.levels().forEach((factor, label) -> {
                    if (!factor.equals(StudySpec.SEED_FACTOR)) {
                        levels.put(factor, label);
                    }
                }));
        return levels;
    }

    /**
     * The paper's number for a group: keyed by the group id, or by its one level's label; a key
     * "KEY @ DATA" (e.g. "Guided @ fashion-mnist") wins when the group's runs train on DATA, so
     * one study file carries a paper's figures for each data set.
     */
    static double paperValue(StudySpec spec, StudyPlan plan, String group,
            Map<String, String> levels, String metric) {
        String data = plan.runs().stream().filter(r -> r.group().equals(group)).findFirst()
                .map(r -> String.valueOf(r.args().get("data"))).orElse("");
        List<String> keys = new ArrayList<>(List.of(group));
        if (levels.size() == 1) {
            keys.add(levels.values().iterator().next());
        }
        for (String key : keys) {
            Map<String, Double> numbers = spec.paper().get(key + " @ " + data);
            if (numbers != null && numbers.containsKey(metric)) {
                return numbers.get(metric);
            }
        }
        for (String key : keys) {
            Map<String, Double> numbers = spec.paper().get(key);
            if (numbers != null && numbers.containsKey(metric)) {
                return numbers.get(metric);
            }
        }
        return Double.NaN;
    }

    public StudyPlan plan() {
        return plan;
    }

    public List<RunResult> results() {
        return results;
    }

    public List<Summary> summaries() {
        return summaries;
    }

    /** The summaries of one metric, in group order. */
    public List<Summary> summaries(String metric) {
        return summaries.stream().filter(s -> s.metric().equals(metric)).toList();
    }

    /**
     * One row per group and metric: group, one column per factor other than seed, metric, n,
     * mean, sd, ci95_low, ci95_high, paper.
     */
    public Table table() {
        Table table = Table.create(plan.spec().name());
        StringColumn group = StringColumn.create("group");
        table.addColumns(group);
        List<String> factors = plan.spec().factors().stream().map(StudySpec.Factor::name)
                .filter(name -> !name.equals(StudySpec.SEED_FACTOR)).toList();
        for (String factor : factors) {
            table.addColumns(StringColumn.create(factor));
        }
        StringColumn metric = StringColumn.create("metric");
        IntColumn n = IntColumn.create("n");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn sd = DoubleColumn.create("sd");
        DoubleColumn low = DoubleColumn.create("ci95_low");
        DoubleColumn high = DoubleColumn.create("ci95_high");
        DoubleColumn paper = DoubleColumn.create("paper");
        table.addColumns(metric, n, mean, sd, low, high, paper);
        for (Summary summary : summaries) {
            group.append(summary.group());
            for (String factor : factors) {
                table.stringColumn(factor).append(summary.levels().getOrDefault(factor, ""));
            }
            metric.append(summary.metric());
            ConfidenceInterval ci = summary.interval();
            n.append(ci.n());
            mean.append(ci.mean());
            sd.append(ci.sd());
            low.append(ci.low());
            high.append(ci.high());
            paper.append(summary.paper());
        }
        return table;
    }

    /** Each completed run's metrics.csv (epoch rows), by run id in run order. */
    public Map<String, Table> learningCurves(StudyFolder folder) throws IOException {
        Map<String, Table> curves = new LinkedHashMap<>();
        for (RunResult result : results) {
            curves.put(result.run().id(), MetricsLog.read(folder.run(result.run()).metricsFile()));
        }
        return curves;
    }
}
