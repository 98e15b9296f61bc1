package org.dmlworkbench.ui.training;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The "last epoch" strip: one big number per metric plus the training loss, each with its change
 * since the previous evaluated epoch.
 */
public final class MetricsStrip {

    private final Map<Metric, Tile> tiles = new EnumMap<>(Metric.class);
    private final Tile lossTile;
    private final Label epochLabel = new Label();

    private static final class Tile {
        final VBox box = new VBox();
        final Label value = new Label("–");
        final Label name;
        final Label change = new Label(" ");

        Tile(String title) {
            name = new Label(title);
            value.getStyleClass().add("metric-value");
            name.getStyleClass().add("metric-name");
            change.getStyleClass().add("metric-change");
            box.getStyleClass().add("metric-tile");
            box.getChildren().addAll(name, value, change);
        }

        void show(double now, double before, boolean higherIsBetter) {
            value.setText(Double.isNaN(now) ? "–" : String.format(Locale.ROOT, "%.4f", now));
            change.getStyleClass().removeAll("metric-better", "metric-worse");
            if (Double.isNaN(now) || Double.isNaN(before)) {
                change.setText(" ");
                return;
            }
            double delta = now - before;
            change.setText(String.format(Locale.ROOT, "%+.4f", delta));
            if (delta != 0) {
                change.getStyleClass().add((delta > 0) == higherIsBetter ? "metric-better" : "metric-worse");
            }
        }
    }

    /** Fills {@code strip} with the tiles and keeps them up to date with {@code rows}. */
    public MetricsStrip(HBox strip, ObservableList<EpochRow> rows) {
        VBox epochBox = new VBox(new Label("last epoch"), epochLabel);
        epochBox.getStyleClass().addAll("metric-tile", "metric-epoch-tile");
        epochBox.getChildren().get(0).getStyleClass().add("metric-name");
        epochLabel.getStyleClass().add("metric-value");
        strip.getChildren().add(epochBox);
        for (Metric metric : Metric.values()) {
            Tile tile = new Tile(metric.label());
            tiles.put(metric, tile);
            strip.getChildren().add(tile.box);
            HBox.setHgrow(tile.box, Priority.ALWAYS);
        }
        lossTile = new Tile("train loss");
        strip.getChildren().add(lossTile.box);
        HBox.setHgrow(lossTile.box, Priority.ALWAYS);
        rows.addListener((ListChangeListener<EpochRow>) change -> update(rows));
        update(rows);
    }

    private void update(List<EpochRow> rows) {
        EpochRow last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        EpochRow lastEvaluated = null;
        EpochRow previousEvaluated = null;
        for (int i = rows.size() - 1; i >= 0 && previousEvaluated == null; i--) {
            if (rows.get(i).evaluated()) {
                if (lastEvaluated == null) {
                    lastEvaluated = rows.get(i);
                } else {
                    previousEvaluated = rows.get(i);
                }
            }
        }
        epochLabel.setText(last == null ? "–" : Integer.toString(last.epoch()));
        for (Metric metric : Metric.values()) {
            tiles.get(metric).show(lastEvaluated == null ? Double.NaN : lastEvaluated.value(metric),
                    previousEvaluated == null ? Double.NaN : previousEvaluated.value(metric), true);
        }
        EpochRow beforeLast = rows.size() > 1 ? rows.get(rows.size() - 2) : null;
        lossTile.show(last == null ? Double.NaN : last.trainLoss(),
                beforeLast == null ? Double.NaN : beforeLast.trainLoss(), false);
    }
}
