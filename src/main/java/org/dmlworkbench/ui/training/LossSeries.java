package org.dmlworkbench.ui.training;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The raw and smoothed chart series of a {@link LossCurve}. Between merges only the last point
 * changes and new ones are appended, so a sync costs one list change per series; after a merge
 * (rare: the width doubles each time) the series are rebuilt.
 */
final class LossSeries {

    private final LossCurve curve;
    private final ObservableList<XYChart.Data<Number, Number>> raw = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> smoothed =
            FXCollections.observableArrayList();
    private int syncedGeneration = Integer.MIN_VALUE;

    LossSeries(int maxPoints, double smoothing) {
        curve = new LossCurve(maxPoints, smoothing);
    }

    ObservableList<XYChart.Data<Number, Number>> raw() {
        return raw;
    }

    ObservableList<XYChart.Data<Number, Number>> smoothed() {
        return smoothed;
    }

    LossCurve curve() {
        return curve;
    }

    void add(double[] positions, float[] losses) {
        for (int i = 0; i < losses.length; i++) {
            curve.add(positions[i], losses[i]);
        }
    }

    void clear() {
        curve.clear();
        sync();
    }

    void keepUpTo(double x) {
        curve.keepUpTo(x);
        sync();
    }

    /** Brings both series up to the curve. */
    void sync() {
        int size = curve.size();
        if (curve.generation() != syncedGeneration) {
            raw.setAll(points(0, size, false));
            smoothed.setAll(points(0, size, true));
            syncedGeneration = curve.generation();
            return;
        }
        int have = raw.size();
        if (have > 0) {
            int last = have - 1;
            raw.get(last).setXValue(curve.x(last));
            raw.get(last).setYValue(curve.raw(last));
            smoothed.get(last).setXValue(curve.x(last));
            smoothed.get(last).setYValue(curve.smoothed(last));
        }
        if (size > have) {
            raw.addAll(points(have, size, false));
            smoothed.addAll(points(have, size, true));
        }
    }

    private List<XYChart.Data<Number, Number>> points(int from, int to, boolean smooth) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            points.add(new XYChart.Data<>(curve.x(i), smooth ? curve.smoothed(i) : curve.raw(i)));
        }
        return points;
    }
}
