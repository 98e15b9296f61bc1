package org.dmlworkbench.ui.runs;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.XYChart;
import org.dmlworkbench.ui.training.EpochRow;
import org.dmlworkbench.ui.training.Metric;

/**
 * The per-epoch curves of one or two runs as chart series: every metric of run A, then every
 * metric of run B (so the stylesheet can give B the colours of A, dashed), and the mean training
 * loss of each.
 *
 * @param names the runs' names, A first
 * @param metricSeries one series per metric and run, named "P@1 · A" (or just "P@1" for one run)
 * @param lossSeries one series per run, named "A" / "B" (or "train loss" for one run)
 */
public record RunComparison(List<String> names, List<XYChart.Series<Number, Number>> metricSeries,
        List<XYChart.Series<Number, Number>> lossSeries) {

    /** A curve source: a run's name and its metrics.csv rows. */
    public record Curves(String name, List<EpochRow> rows) {}

    public static RunComparison of(List<Curves> runs) {
        if (runs.isEmpty() || runs.size() > 2) {
            throw new IllegalArgumentException("compare one or two runs, got " + runs.size());
        }
        boolean single = runs.size() == 1;
        List<String> names = new ArrayList<>();
        List<XYChart.Series<Number, Number>> metrics = new ArrayList<>();
        List<XYChart.Series<Number, Number>> losses = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            Curves run = runs.get(r);
            String tag = r == 0 ? "A" : "B";
            names.add(run.name());
            for (Metric metric : Metric.values()) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(single ? metric.label() : metric.label() + " · " + tag);
                for (EpochRow row : run.rows()) {
                    if (!Double.isNaN(row.value(metric))) {
                        series.getData().add(new XYChart.Data<>(row.epoch(), row.value(metric)));
                    }
                }
                metrics.add(series);
            }
            XYChart.Series<Number, Number> loss = new XYChart.Series<>();
            loss.setName(single ? "train loss" : tag);
            for (EpochRow row : run.rows()) {
                loss.getData().add(new XYChart.Data<>(row.epoch(), row.trainLoss()));
            }
            losses.add(loss);
        }
        return new RunComparison(List.copyOf(names), List.copyOf(metrics), List.copyOf(losses));
    }

    /** "A: run-1 · B: run-2", or the run's name; says so when there is nothing to draw. */
    public String caption() {
        String runs = names.size() == 1 ? names.get(0) : "A: " + names.get(0) + "   ·   B (dashed): " + names.get(1);
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
