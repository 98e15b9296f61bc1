package org.dmlworkbench.ui.training;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Path;
import javafx.util.StringConverter;

/** Small fixes and conveniences for JavaFX line charts. */
public final class ChartSupport {

    private ChartSupport() {}

    /**
     * A copy of {@code source} kept in step with it, whose points carry a symbol even in a chart
     * drawn without symbols: for the few per-epoch points among per-step lines (a one-epoch run
     * would otherwise show nothing).
     */
    public static ObservableList<XYChart.Data<Number, Number>> withSymbols(
            ObservableList<XYChart.Data<Number, Number>> source) {
        ObservableList<XYChart.Data<Number, Number>> copy = FXCollections.observableArrayList();
        copy.setAll(symbolled(source));
        source.addListener((ListChangeListener<XYChart.Data<Number, Number>>) change -> copy.setAll(symbolled(source)));
        return copy;
    }

    private static List<XYChart.Data<Number, Number>> symbolled(List<XYChart.Data<Number, Number>> points) {
        List<XYChart.Data<Number, Number>> copies = new ArrayList<>(points.size());
        for (XYChart.Data<Number, Number> point : points) {
            XYChart.Data<Number, Number> copy = new XYChart.Data<>(point.getXValue(), point.getYValue());
            StackPane symbol = new StackPane();
            symbol.getStyleClass().add("epoch-symbol");
            copy.setNode(symbol);
            copies.add(copy);
        }
        return copies;
    }

    /**
     * Erases a series' line when its data becomes empty: JavaFX's LineChart leaves the last line
     * drawn in that case (it only rebuilds paths that have points).
     */
    public static void eraseLinesWhenEmptied(LineChart<Number, Number> chart) {
        for (XYChart.Series<Number, Number> series : chart.getData()) {
            series.getData().addListener((ListChangeListener<XYChart.Data<Number, Number>>) change -> {
                if (series.getData().isEmpty() && series.getNode() instanceof Path) {
                    ((Path) series.getNode()).getElements().clear();
                }
            });
        }
    }

    /**
     * Keeps {@code axis} on a rounded range around the values of {@code series} (0..1 while they
     * are empty), changing its bounds only when the rounded range changes. Cheaper than
     * auto-ranging, which measures every tick label again on each data change: at ten updates a
     * second that was most of the UI thread's work during training.
     */
    @SafeVarargs
    public static void followRange(NumberAxis axis, ObservableList<XYChart.Data<Number, Number>>... series) {
        axis.setAutoRanging(false);
        Runnable update = () -> {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (ObservableList<XYChart.Data<Number, Number>> list : series) {
                for (XYChart.Data<Number, Number> point : list) {
                    double y = point.getYValue().doubleValue();
                    if (Double.isFinite(y)) {
                        min = Math.min(min, y);
                        max = Math.max(max, y);
                    }
                }
            }
            double[] range = NiceRange.of(min, max);
            if (axis.getLowerBound() != range[0] || axis.getUpperBound() != range[1]
                    || axis.getTickUnit() != range[2]) {
                axis.setLowerBound(range[0]);
                axis.setUpperBound(range[1]);
                axis.setTickUnit(range[2]);
            }
        };
        for (ObservableList<XYChart.Data<Number, Number>> list : series) {
            list.addListener((ListChangeListener<XYChart.Data<Number, Number>>) change -> update.run());
        }
        update.run();
    }

    /**
     * 0..epochs with at most ten ticks; {@code room} adds a little space on the right so the
     * last epoch's symbols are not cut in half by the plot edge.
     */
    public static void fitEpochAxis(NumberAxis axis, int epochs, boolean room) {
        int last = Math.max(1, epochs);
        axis.setLowerBound(0);
        axis.setUpperBound(room ? last + Math.max(0.08, last * 0.03) : last);
        axis.setTickUnit(Math.max(1, Math.ceil(last / 10.0)));
        // NumberAxis always labels its upper bound: hide that label when it is not an epoch.
        axis.setTickLabelFormatter(WHOLE_NUMBERS);
    }

    private static final StringConverter<Number> WHOLE_NUMBERS = new StringConverter<>() {
        @Override
        public String toString(Number value) {
            double v = value.doubleValue();
            return v == Math.rint(v) ? Long.toString((long) v) : "";
        }

        @Override
        public Number fromString(String text) {
            return Double.valueOf(text);
        }
    };
}
