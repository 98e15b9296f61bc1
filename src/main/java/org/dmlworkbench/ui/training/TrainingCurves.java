package org.dmlworkbench.ui.training;

import java.util.EnumMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The chart series of the run on show: per-step loss (raw and smoothed, down-sampled), the mean
 * training loss per epoch, and each retrieval metric per epoch. x is the position in epochs, so
 * the end of epoch 2's steps and epoch 2's metrics share x = 2.
 */
public final class TrainingCurves {

    private final LossSeries loss;
    private final ObservableList<XYChart.Data<Number, Number>> epochLoss = FXCollections.observableArrayList();
    private final Map<Metric, ObservableList<XYChart.Data<Number, Number>>> metrics =
            new EnumMap<>(Metric.class);
    private final ObservableList<EpochRow> rows = FXCollections.observableArrayList();

    TrainingCurves(int maxLossPoints, double smoothing) {
        loss = new LossSeries(maxLossPoints, smoothing);
        for (Metric metric : Metric.values()) {
            metrics.put(metric, FXCollections.observableArrayList());
        }
    }

    /** Loss of each step (bucket means once there are more steps than points). */
    public ObservableList<XYChart.Data<Number, Number>> rawLoss() {
        return loss.raw();
    }

    /** Exponential moving average of the step loss. */
    public ObservableList<XYChart.Data<Number, Number>> smoothedLoss() {
        return loss.smoothed();
    }

    /** Mean training loss of each finished epoch, at the middle of the epoch (x = epoch - 0.5). */
    public ObservableList<XYChart.Data<Number, Number>> epochLoss() {
        return epochLoss;
    }

    /** One metric of each evaluated epoch, at x = epoch. */
    public ObservableList<XYChart.Data<Number, Number>> metric(Metric metric) {
        return metrics.get(metric);
    }

    /** Finished epochs, oldest first. */
    public ObservableList<EpochRow> rows() {
        return rows;
    }

    LossCurve lossCurve() {
        return loss.curve();
    }

    void addSteps(double[] positions, float[] losses) {
        loss.add(positions, losses);
        loss.sync();
    }

    void addRow(EpochRow row) {
        rows.add(row);
        epochLoss.add(new XYChart.Data<>(row.epoch() - 0.5, row.trainLoss()));
        for (Metric metric : Metric.values()) {
            double value = row.value(metric);
            if (!Double.isNaN(value)) {
                metrics.get(metric).add(new XYChart.Data<>(row.epoch(), value));
            }
        }
    }

    void clear() {
        loss.clear();
        clearAllButLoss();
    }

    /** Clears the per-epoch series, keeping the per-step loss (a resumed run reloads its epochs). */
    void clearAllButLoss() {
        epochLoss.clear();
        metrics.values().forEach(ObservableList::clear);
        rows.clear();
    }

    /** Drops the per-step losses drawn after {@code x} (steps a resumed run trains again). */
    void keepLossUpTo(double x) {
        loss.keepUpTo(x);
    }
}
