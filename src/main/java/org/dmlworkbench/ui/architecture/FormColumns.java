package org.dmlworkbench.ui.architecture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;

/** Layout pieces of the Architecture form. */
public final class FormColumns {

    private FormColumns() {}

    /**
     * The form's two columns side by side, half the width each, when both fit; else one above the
     * other at the full width, so that no field is cut off in a narrow window.
     */
    public static void arrange(GridPane columns, GridPane left, GridPane right, double width) {
        Insets padding = columns.getInsets();
        double usable = width - padding.getLeft() - padding.getRight();
        boolean sideBySide = left.minWidth(-1) + columns.getHgap() + right.minWidth(-1) <= usable;
        int count = sideBySide ? 2 : 1;
        if (columns.getColumnConstraints().size() == count) {
            return;
        }
        List<ColumnConstraints> constraints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / count);
            constraints.add(column);
        }
        columns.getColumnConstraints().setAll(constraints);
        GridPane.setConstraints(right, sideBySide ? 1 : 0, sideBySide ? 0 : 1);
    }

    /** A run folder by its name, with the whole path as a tooltip. */
    public static final class RunFolderCell extends ListCell<String> {
        @Override
        protected void updateItem(String folder, boolean empty) {
            super.updateItem(folder, empty);
            setText(empty || folder == null ? null : Path.of(folder).getFileName().toString());
            setTooltip(empty || folder == null ? null : new Tooltip(folder));
        }
    }
}
