package org.dmlworkbench.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.TableColumn;
import org.dmlworkbench.ui.training.Metric;

/**
 * Columns of the comparison's final-metrics table: run, epochs, each retrieval metric and the
 * last training loss. Numbers sort as numbers (a run without a value sorts last).
 */
public final class FinalMetricsColumns {

    private FinalMetricsColumns() {}

    public static List<TableColumn<RunComparison.Final, ?>> all() {
        List<TableColumn<RunComparison.Final, ?>> columns = new ArrayList<>();
        TableColumn<RunComparison.Final, String> name = new TableColumn<>("Run");
        name.setId("final-run");
        name.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue().name()));
        name.setPrefWidth(180);
        columns.add(name);
        columns.add(number("Epochs", "final-epochs", row -> (double) row.epochs(), "%.0f"));
        for (Metric metric : Metric.values()) {
            columns.add(number(metric.label(), "final-" + metric.column(), row -> row.value(metric), "%.4f"));
        }
        columns.add(number("Train loss", "final-train_loss", RunComparison.Final::trainLoss, "%.4f"));
        return columns;
    }

    private static TableColumn<RunComparison.Final, Double> number(String title, String id,
            Function<RunComparison.Final, Double> value, String format) {
        TableColumn<RunComparison.Final, Double> column = new TableColumn<>(title);
        column.setId(id);
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        column.setComparator((a, b) -> Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1)
                : Double.isNaN(b) ? -1 : Double.compare(a, b));
        column.setCellFactory(table -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null || item.isNaN() ? "" : String.format(Locale.ROOT, format, item));
            }
        });
        column.getStyleClass().add("number-column");
        return column;
    }
}
