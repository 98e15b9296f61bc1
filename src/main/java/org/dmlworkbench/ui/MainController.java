package org.dmlworkbench.ui;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import org.controlsfx.control.StatusBar;

/**
 * The window frame: menu, one tab per panel, status bar. Panels are loaded from
 * {@code fxml/<name>.fxml}; a folder dropped anywhere on the window is opened as data.
 */
public final class MainController {

    /** Panel names in tab order; each has fxml/NAME.fxml. */
    public static final List<String> PANELS =
            List.of("data", "architecture", "training", "map", "query", "runs", "study");

    private final WorkbenchModel model;
    private final Map<String, Object> controllers = new LinkedHashMap<>();
    private final Map<String, Tab> tabsByName = new LinkedHashMap<>();

    @FXML
    private BorderPane root;
    @FXML
    private TabPane tabs;
    @FXML
    private StatusBar statusBar;

    MainController(WorkbenchModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() throws IOException {
        for (String name : PANELS) {
            FXMLLoader loader = WorkbenchApp.loader(name);
            loader.setControllerFactory(type -> Controllers.create(type, model));
            Node content = loader.load();
            Tab tab = new Tab(title(name), content);
            tab.setId("tab-" + name);
            tab.setClosable(false);
            Object controller = loader.getController();
            controllers.put(name, controller);
            tabsByName.put(name, tab);
            if (controller instanceof Panel) {
                tab.selectedProperty().addListener((obs, was, selected) -> {
                    if (selected) {
                        ((Panel) controller).onShown();
                    }
                });
            }
            tabs.getTabs().add(tab);
        }
        statusBar.textProperty().bind(model.jobs().messageProperty());
        statusBar.progressProperty().bind(model.jobs().progressProperty());
        root.setOnDragOver(this::acceptFolders);
        root.setOnDragDropped(this::openDroppedFolder);
    }

    /** Applies the launch options once the window shows. */
    void startWith(LaunchOptions options) {
        DataController data = panel("data", DataController.class);
        data.open(options.data());
        if (options.run() != null) {
            select("runs");
            panel("runs", RunsController.class).open(options.run());
        }
    }

    /** The controller of a panel, for automation (screenshots, smoke test, tests). */
    public <T> T panel(String name, Class<T> type) {
        return type.cast(controllers.get(name));
    }

    public void select(String name) {
        tabs.getSelectionModel().select(tabsByName.get(name));
    }

    public TabPane tabs() {
        return tabs;
    }

    private void acceptFolders(DragEvent event) {
        if (event.getDragboard().hasFiles()
                && event.getDragboard().getFiles().stream().anyMatch(File::isDirectory)) {
            event.acceptTransferModes(TransferMode.COPY);
        }
    }

    private void openDroppedFolder(DragEvent event) {
        List<File> files = event.getDragboard().getFiles();
        File folder = files.stream().filter(File::isDirectory).findFirst().orElse(null);
        event.setDropCompleted(folder != null);
        if (folder != null) {
            select("data");
            panel("data", DataController.class).open(folder.getAbsolutePath());
        }
        event.consume();
    }

    @FXML
    private void openDataFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open an image folder, IDX folder or CIFAR-10 folder");
        File folder = chooser.showDialog(root.getScene().getWindow());
        if (folder != null) {
            select("data");
            panel("data", DataController.class).open(folder.getAbsolutePath());
        }
    }

    @FXML
    private void openRunFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a run folder");
        chooser.setInitialDirectory(model.runsRoot().toFile().isDirectory() ? model.runsRoot().toFile() : null);
        File folder = chooser.showDialog(root.getScene().getWindow());
        if (folder != null) {
            select("runs");
            panel("runs", RunsController.class).open(folder.toPath());
        }
    }

    @FXML
    private void lightTheme() {
        model.themeProperty().set(WorkbenchModel.Theme.LIGHT);
    }

    @FXML
    private void darkTheme() {
        model.themeProperty().set(WorkbenchModel.Theme.DARK);
    }

    @FXML
    private void quit() {
        root.getScene().getWindow().hide();
        model.shutdown();
        javafx.application.Platform.exit();
    }

    private static String title(String name) {
        switch (name) {
            case "map":
                return "Embedding map";
            default:
                return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
    }
}
