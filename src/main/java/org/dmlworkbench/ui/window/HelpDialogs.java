package org.dmlworkbench.ui.window;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Help › Keyboard shortcuts and Help › About. Both open without blocking (show, not showAndWait),
 * so a shortcut's handler returns at once and tests can look at the dialog.
 */
public final class HelpDialogs {

    private HelpDialogs() {}

    public static Alert shortcuts(Window owner) {
        GridPane grid = new GridPane();
        grid.setHgap(18);
        grid.setVgap(4);
        grid.setId("shortcutsTable");
        int row = 0;
        for (Shortcut shortcut : Shortcut.ALL) {
            Label keys = new Label(shortcut.keys().getDisplayText());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(row++, keys, new Label(shortcut.label()), new Label(shortcut.menu() + " menu"));
        }
        Alert alert = dialog(owner, "Keyboard shortcuts", "Keyboard shortcuts", grid);
        alert.show();
        return alert;
    }

    public static Alert about(Window owner) {
        GridPane versions = new GridPane();
        versions.setHgap(18);
        versions.setVgap(4);
        versions.setId("aboutVersions");
        int row = 0;
        for (Map.Entry<String, String> entry : AboutInfo.versions().entrySet()) {
            versions.addRow(row++, new Label(entry.getKey()), new Label(entry.getValue()));
        }
        Label pytorch = new Label("reading...");
        pytorch.setId("aboutPytorch");
        versions.addRow(row, new Label("PyTorch"), pytorch);
        // Loading the engine can take seconds the first time: never on the JavaFX thread.
        CompletableFuture.supplyAsync(AboutInfo::pytorchVersion)
                .thenAccept(version -> Platform.runLater(() -> pytorch.setText(version)));
        TextArea licence = new TextArea(AboutInfo.licence());
        licence.setId("aboutLicence");
        licence.setEditable(false);
        licence.setWrapText(true);
        licence.setPrefRowCount(12);
        licence.setAccessibleText("Licence");
        VBox content = new VBox(12, versions, new Label("Licence"), licence);
        content.setPadding(new Insets(4, 0, 0, 0));
        Alert alert = dialog(owner, "About DML Workbench",
                "DML Workbench: deep metric learning on your own images", content);
        alert.show();
        return alert;
    }

    private static Alert dialog(Window owner, String title, String header, javafx.scene.Node content) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("help-dialog");
        alert.setResizable(true);
        return alert;
    }
}
