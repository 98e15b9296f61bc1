package org.dmlworkbench.ui.runs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * Table columns made from the catalog table's columns: numbers sort as numbers, metrics show 4
 * decimals (blank when missing, and sort below every value), times show in local time.
 */
public final class RunTableColumns {

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("run", "Run"), Map.entry("created", "Created"), Map.entry("status", "Status"),
            Map.entry("data", "Data"), Map.entry("model", "Model"), Map.entry("loss", "Loss"),
            Map.entry("epochs", "Epochs"), Map.entry("seed", "Seed"), Map.entry("params", "Parameters"),
            Map.entry("precision_at_1", "P@1"), Map.entry("r_precision", "R-Precision"),
            Map.entry("map_at_r", "MAP@R"), Map.entry("nmi", "NMI"), Map.entry("folder", "Folder"));
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private RunTableColumns() {}

    /** One column per table column; each column's id is the catalog column name. */
    public static List<TableColumn<RunRow, Object>> of(Table table) {
        List<TableColumn<RunRow, Object>> columns = new ArrayList<>();
        for (int c = 0; c < table.columnCount(); c++) {
            String name = table.column(c).name();
            ColumnType type = table.column(c).type();
            int index = c;
            TableColumn<RunRow, Object> column = new TableColumn<>(TITLES.getOrDefault(name, name));
            column.setId(name);
            column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().cells().get(index)));
            column.setCellFactory(col -> new FormattedCell(name));
            if (type == ColumnType.DOUBLE) {
                column.setComparator(Comparator.comparingDouble(RunTableColumns::nanLowest));
                column.getStyleClass().add("numeric-column");
            } else if (type == ColumnType.INTEGER || type == ColumnType.LONG) {
                column.getStyleClass().add("numeric-column");
            }
            column.setPrefWidth(width(name));
            column.setMinWidth(minWidth(column.getText()));
            // The folder is long and the run's name says where it is; the table menu shows it.
            column.setVisible(!name.equals("folder"));
            columns.add(column);
        }
        return columns;
    }

    /** Missing metrics (NaN, or null as Tablesaw returns them) sort below every value. */
    private static double nanLowest(Object value) {
        if (value == null) {
            return Double.NEGATIVE_INFINITY;
        }
        double d = ((Number) value).doubleValue();
        return Double.isNaN(d) ? Double.NEGATIVE_INFINITY : d;
    }

    private static double width(String name) {
        switch (name) {
            case "run":
                return 190;
            case "created":
                return 125;
            case "folder":
                return 320;
            case "status":
            case "model":
            case "data":
                return 90;
            case "params":
                return 95;
            case "epochs":
            case "seed":
                return 64;
            default:
                return 88;
        }
    }

    /** Room for the column's title, so that a narrow window shrinks the cells, never the titles. */
    private static double minWidth(String title) {
        return 24 + 7.5 * title.length();
    }

    /** The text a cell shows for a catalog value. */
    public static String format(String column, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double) {
            double d = (Double) value;
            return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d);
        }
        if (value instanceof Long && column.equals("params")) {
            return String.format(Locale.US, "%,d", (Long) value);
        }
        if (column.equals("created") && !value.toString().isEmpty()) {
            try {
                return LOCAL_TIME.format(Instant.parse(value.toString()));
            } catch (DateTimeParseException e) {
                return value.toString();
            }
        }
        return value.toString();
    }

    private static final class FormattedCell extends TableCell<RunRow, Object> {
        private final String column;

        FormattedCell(String column) {
            this.column = column;
        }

        @Override
        protected void updateItem(Object value, boolean empty) {
            super.updateItem(value, empty);
            getStyleClass().removeIf(style -> style.startsWith("run-status-"));
            if (empty) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(format(column, value));
            RunRow row = getTableRow() == null ? null : getTableRow().getItem();
            // The folder column is hidden at first: the run's name tells where its folder is.
            setTooltip(column.equals("run") && row != null ? new Tooltip(row.folder().toString()) : null);
            if (column.equals("status") && value != null) {
                getStyleClass().add("run-status-" + value);
            }
        }
    }
}
