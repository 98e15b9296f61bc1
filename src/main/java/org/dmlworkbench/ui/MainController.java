package org.dmlworkbench.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.dmlworkbench.ui.settings.SessionMemory;
import org.dmlworkbench.ui.settings.WorkbenchSettings;
import org.dmlworkbench.ui.window.HelpDialogs;
import org.dmlworkbench.ui.window.Shortcut;
import org.dmlworkbench.ui.window.WindowMenus;

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
    @FXML
    private MenuBar menuBar;
    @FXML
    private Menu recentMenu;
    /** Asks for a folder (title, owner); replaced by tests, where no native dialog can open. */
    private BiFunction<String, Window, File> folderChooser = (title, owner) -> {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return chooser.showDialog(owner);
    };
    private WorkbenchSettings settings = new WorkbenchSettings();

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
        WindowMenus.install(menuBar, this::perform);
    }

    /**
     * Applies the launch options once the window shows; what they leave open (data, run, panel)
     * comes from the remembered settings, which follow the window from then on.
     */
    void startWith(LaunchOptions options, WorkbenchSettings remembered) {
        settings = remembered;
        DataController data = panel("data", DataController.class);
        data.open(options.data() != null ? options.data() : SessionMemory.dataToReopen(remembered));
        if (options.run() != null) {
            select("runs");
            panel("runs", RunsController.class).open(options.run());
        } else if (SessionMemory.runToReopen(remembered) != null) {
            model.activeRunProperty().set(SessionMemory.runToReopen(remembered));
        }
        if (remembered.panel != null && tabsByName.containsKey(remembered.panel) && options.run() == null) {
            select(remembered.panel);
        }
        model.themeProperty().addListener((obs, old, theme) -> settings.theme = theme.name());
        settings.theme = model.themeProperty().get().name();
        model.datasetProperty().addListener((obs, old, dataset) -> {
            String reopen = SessionMemory.reopenable(dataset);
            if (reopen != null) {
                settings.lastData = reopen;
            }
        });
        model.activeRunProperty().addListener((obs, old, run) -> {
            if (run != null) {
                settings.lastRun = run.root().toAbsolutePath().normalize().toString();
                settings.addRecentRun(settings.lastRun);
                WindowMenus.fillRecent(recentMenu, settings.recentRuns, this::openRun);
            }
        });
        WindowMenus.fillRecent(recentMenu, settings.recentRuns, this::openRun);
    }

    /** Notes the panel on show in the settings (called as the window closes). */
    void rememberPanel() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (selected != null) {
            settings.panel = selected.getId().substring("tab-".length());
        }
    }

    /** The settings this window keeps up to date. */
    public WorkbenchSettings settings() {
        return settings;
    }

    /** For tests: answers folder choices instead of a native dialog. */
    public void setFolderChooser(BiFunction<String, Window, File> chooser) {
        folderChooser = chooser;
    }

    /** Runs the action of a {@link Shortcut} (its menu item, or its key combination). */
    public void perform(Shortcut shortcut) {
        if (shortcut.panel() != null) {
            select(shortcut.panel());
            return;
        }
        switch (shortcut.id()) {
            case "open-run" -> openRunFolder();
            case "open-data" -> openDataFolder();
            case "train-start" -> press("training", "#startButton", "Start");
            case "train-pause" -> {
                if (!press("training", "#pauseButton", null)) {
                    press("training", "#resumeButton", "Pause or resume");
                }
            }
            case "train-stop" -> press("training", "#stopButton", "Stop");
            case "query-map-point" -> press("query", "#useMapPointButton", "Query with the selected map point");
            case "map-fit" -> {
                select("map");
                panel("map", MapController.class).canvas().fit();
            }
            case "help-shortcuts" -> HelpDialogs.shortcuts(root.getScene().getWindow());
            case "help-about" -> HelpDialogs.about(root.getScene().getWindow());
            default -> throw new IllegalArgumentException("no action for shortcut " + shortcut.id());
        }
    }

    /**
     * Shows the panel and fires its button as a click would, so a shortcut does exactly what the
     * button does and nothing while the button is disabled (then the status bar says why).
     */
    private boolean press(String panelName, String buttonId, String unavailable) {
        select(panelName);
        Node found = tabsByName.get(panelName).getContent().lookup(buttonId);
        if (found instanceof ButtonBase button && !button.isDisabled() && button.isVisible()) {
            button.fire();
            return true;
        }
        if (unavailable != null) {
            model.jobs().say(unavailable + " is not available now");
        }
        return false;
    }

    /** The controller of a panel, for what drives the window (the self-check, the tests). */
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

    private void openDataFolder() {
        File folder = folderChooser.apply("Open an image folder, IDX folder or CIFAR-10 folder",
                root.getScene().getWindow());
        if (folder != null) {
            select("data");
            panel("data", DataController.class).open(folder.getAbsolutePath());
        }
    }

    private void openRunFolder() {
        File folder = folderChooser.apply("Open a run folder", root.getScene().getWindow());
        if (folder != null) {
            openRun(folder.toPath());
        }
    }

    /** Lists the run in the Runs panel, selects it there and remembers it as a recent run. */
    void openRun(Path folder) {
        select("runs");
        panel("runs", RunsController.class).open(folder);
        settings.addRecentRun(folder.toAbsolutePath().normalize().toString());
        WindowMenus.fillRecent(recentMenu, settings.recentRuns, this::openRun);
    }

    @FXML
    private void about() {
        perform(new Shortcut("help-about", Shortcut.HELP, "About", null));
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
