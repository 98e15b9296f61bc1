package org.dmlworkbench.ui.runs;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.XYChart;
import org.dmlworkbench.ui.training.EpochRow;
import org.dmlworkbench.ui.training.Metric;

/**
 * The per-epoch curves of the runs being compared, as chart series, and their final metrics.
 *
 * <p>One or two runs: every metric of run A, then every metric of run B (so the stylesheet can
 * give B the colours of A, dashed). Three or more (as W&amp;B users compare): one series per run
 * of the chosen metric, in run order, so each run keeps one colour on both charts; the final
 * metrics table carries the other metrics.
 *
 * @param names the runs' names, A first
 * @param metricSeries the metric chart's series: "P@1 · A" (two runs), "P@1" (one run) or the
 *        run's name (three or more)
 * @param lossSeries one series per run, named "A" / "B" (two), "train loss" (one) or the run's
 *        name (three or more)
 * @param finals each run's last finished epoch, in run order
 * @param metric the metric charted for three or more runs
 */
public record RunComparison(List<String> names, List<XYChart.Series<Number, Number>> metricSeries,
        List<XYChart.Series<Number, Number>> lossSeries, List<Final> finals, Metric metric) {

    /** A curve source: a run's name and its metrics.csv rows. */
    public record Curves(String name, List<EpochRow> rows) {}

    /**
     * A run's numbers at its last finished epoch (NaN where not evaluated).
     *
     * @param epochs the last finished epoch, 0 when none
     * @param metrics the metrics of its last evaluated epoch, in {@link Metric} order
     */
    public record Final(String name, int epochs, double trainLoss, double[] metrics) {
        public double value(Metric metric) {
            return metrics[metric.ordinal()];
        }
    }

    public static RunComparison of(List<Curves> runs) {
        return of(runs, Metric.PRECISION_AT_1);
    }

    public static RunComparison of(List<Curves> runs, Metric charted) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("compare at least one run");
        }
        boolean single = runs.size() == 1;
        boolean many = runs.size() > 2;
        List<String> names = new ArrayList<>();
        List<XYChart.Series<Number, Number>> metrics = new ArrayList<>();
        List<XYChart.Series<Number, Number>> losses = new ArrayList<>();
        List<Final> finals = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            Curves run = runs.get(r);
            String tag = r == 0 ? "A" : "B";
            names.add(run.name());
            for (Metric metric : Metric.values()) {
                if (many && metric != charted) {
                    continue;
                }
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(many ? run.name() : single ? metric.label() : metric.label() + " · " + tag);
                for (EpochRow row : run.rows()) {
                    if (!Double.isNaN(row.value(metric))) {
                        series.getData().add(new XYChart.Data<>(row.epoch(), row.value(metric)));
                    }
                }
                metrics.add(series);
            }
            XYChart.Series<Number, Number> loss = new XYChart.Series<>();
            loss.setName(many ? run.name() : single ? "train loss" : tag);
            for (EpochRow row : run.rows()) {
                loss.getData().add(new XYChart.Data<>(row.epoch(), row.trainLoss()));
            }
            losses.add(loss);
            finals.add(last(run));
        }
        return new RunComparison(List.copyOf(names), List.copyOf(metrics), List.copyOf(losses),
                List.copyOf(finals), charted);
    }

    private static Final last(Curves run) {
        double[] values = new double[Metric.values().length];
        java.util.Arrays.fill(values, Double.NaN);
        int epochs = 0;
        double loss = Double.NaN;
        for (EpochRow row : run.rows()) {
            epochs = row.epoch();
            loss = row.trainLoss();
            if (row.evaluated()) {
                for (Metric metric : Metric.values()) {
                    values[metric.ordinal()] = row.value(metric);
                }
            }
        }
        return new Final(run.name(), epochs, loss, values);
    }

    /** Whether the metric chart shows one metric per run (three or more runs). */
    public boolean manyRuns() {
        return names.size() > 2;
    }

    /** "A: run-1 · B: run-2", "3 runs, P@1 per epoch", or the run's name; says when nothing is drawn. */
    public String caption() {
        String runs = names.size() == 1 ? names.get(0)
                : names.size() == 2 ? "A: " + names.get(0) + "   ·   B (dashed): " + names.get(1)
                : names.size() + " runs, " + metric.label() + " per epoch: one colour per run";
        return hasPoints() ? runs : runs + ": no finished epoch yet";
    }

    /** Whether any run finished an epoch. */
    public boolean hasPoints() {
        return lossSeries.stream().anyMatch(series -> !series.getData().isEmpty());
    }

    /** The most epochs any series reaches (the x range). */
    public int maxEpoch() {
        int max = 1;
        for (XYChart.Series<Number, Number> series : lossSeries) {
            for (XYChart.Data<Number, Number> point : series.getData()) {
                max = Math.max(max, point.getXValue().intValue());
            }
        }
        return max;
    }
}
