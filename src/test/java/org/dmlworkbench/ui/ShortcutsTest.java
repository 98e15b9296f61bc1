package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.chart.Chart;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.GridView;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.map.MapClicks;
import org.dmlworkbench.ui.map.ScatterCanvas;
import org.dmlworkbench.ui.runview.TrainedSampleRun;
import org.dmlworkbench.ui.runview.WorkbenchWindow;
import org.dmlworkbench.ui.training.TrainingViewModel;
import org.dmlworkbench.ui.window.AboutInfo;
import org.dmlworkbench.ui.window.Shortcut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Every keyboard shortcut, pressed as a user would on the whole window, and what it must do;
 * the Help menu's dialogs, the window icon, and the accessible names of controls that show no
 * text of their own.
 */
@ExtendWith(ApplicationExtension.class)
class ShortcutsTest {

    @TempDir
    static Path runs;

    private WorkbenchWindow window;
    private Stage stage;

    @BeforeAll
    static void screen() {
        WorkbenchWindow.useLargeHeadlessScreen();
        TrainedSampleRun.run();
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = WorkbenchWindow.start(stage, runs);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private String selectedPanel() throws Exception {
        return onFx(() -> window.main().tabs().getSelectionModel().getSelectedItem().getId());
    }

    @Test
    void everyShortcutIsOnAMenuItemWithItsKeys() throws Exception {
        List<MenuItem> items = onFx(() -> allMenuItems());
        for (Shortcut shortcut : Shortcut.ALL) {
            MenuItem item = items.stream().filter(i -> ("menu-" + shortcut.id()).equals(i.getId()))
                    .findFirst().orElseThrow(() -> new AssertionError("no menu item for " + shortcut.id()));
            assertEquals(shortcut.keys(), item.getAccelerator(), shortcut.id());
        }
        assertEquals(Shortcut.ALL.size(), Shortcut.ALL.stream().map(s -> s.keys()).distinct().count(),
                "two shortcuts share keys");
    }

    @Test
    void ctrlDigitsSwitchPanels(FxRobot robot) {
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4,
            KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7};
        // Backwards, so every press changes the panel (the data panel shows first).
        for (int i = digits.length - 1; i >= 0; i--) {
            robot.push(KeyCode.CONTROL, digits[i]);
            String expected = "tab-" + MainController.PANELS.get(i);
            try {
                waitUntil(60, () -> expected.equals(window.main().tabs().getSelectionModel()
                        .getSelectedItem().getId()));
            } catch (Exception e) {
                throw new AssertionError("Ctrl+" + (i + 1) + " did not show " + expected, e);
            }
        }
    }

    @Test
    void ctrlOOpensARunFolderAndListsItAsRecent(FxRobot robot) throws Exception {
        RunDirectory run = TrainedSampleRun.run();
        List<String> asked = new ArrayList<>();
        onFx(() -> {
            window.main().setFolderChooser((title, owner) -> {
                asked.add(title);
                return run.root().toFile();
            });
            return null;
        });
        robot.push(KeyCode.CONTROL, KeyCode.O);
        waitUntil(60, () -> !asked.isEmpty());
        assertEquals("Open a run folder", asked.get(0));
        assertEquals("tab-runs", selectedPanel());
        RunsController runsPanel = window.main().panel("runs", RunsController.class);
        waitUntil(60, () -> runsPanel.viewModel().rows().stream()
                .anyMatch(row -> row.folder().equals(run.root().toAbsolutePath().normalize())));
        assertEquals(List.of(run.root().toAbsolutePath().normalize().toString()),
                onFx(() -> List.copyOf(window.main().settings().recentRuns)));
    }

    @Test
    void ctrlShiftOOpensADataFolder(FxRobot robot) throws Exception {
        File folder = new File("sample-data/fashion-mnist").getAbsoluteFile();
        List<String> asked = new ArrayList<>();
        onFx(() -> {
            window.model().datasetProperty().set(null);
            window.main().setFolderChooser((title, owner) -> {
                asked.add(title);
                return folder;
            });
            window.main().select("study");
            return null;
        });
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O);
        waitUntil(60, () -> !asked.isEmpty());
        assertTrue(asked.get(0).startsWith("Open an image folder"), asked.get(0));
        assertEquals("tab-data", selectedPanel());
        // the window's start-up load of the sample may land after the null above; wait for the
        // folder's own load rather than for any data set
        waitUntil(120, () -> window.model().datasetProperty().get() != null
                && !window.model().datasetProperty().get().location().startsWith("classpath:"));
        String location = onFx(() -> window.model().datasetProperty().get().location());
        assertTrue(Path.of(location).toAbsolutePath().normalize().startsWith(folder.toPath()), location);
    }

    @Test
    void f5StartsF6PausesAndResumesShiftF5StopsTraining(FxRobot robot) throws Exception {
        onFx(() -> {
            window.model().configProperty().set(TrainingConfig.defaults().toBuilder()
                    .model(ModelSpec.preset("hybrid1").withEmbeddingDim(32))
                    .batchSize(64).epochs(50).device("cpu").build());
            window.main().select("data");
            return null;
        });
        TrainingController training = window.main().panel("training", TrainingController.class);
        TrainingViewModel state = training.viewModel();
        robot.push(KeyCode.F5);
        assertEquals("tab-training", selectedPanel());
        waitUntil(120, () -> state.stateProperty().get() == TrainingViewModel.State.RUNNING);
        robot.push(KeyCode.F6);
        waitUntil(120, () -> state.stateProperty().get() == TrainingViewModel.State.PAUSED);
        robot.push(KeyCode.F6);
        waitUntil(120, () -> state.stateProperty().get() == TrainingViewModel.State.RUNNING);
        robot.push(KeyCode.SHIFT, KeyCode.F5);
        waitUntil(120, () -> training.outcomeProperty().get() != null && !training.runningProperty().get());
        TrainingOutcome outcome = onFx(() -> training.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.STOPPED, outcome.status(), outcome.message());
    }

    @Test
    void ctrlZeroFitsTheMapAndCtrlFQueriesWithTheSelectedPoint(FxRobot robot) throws Exception {
        window.show(TrainedSampleRun.run(), "map");
        MapController map = window.main().panel("map", MapController.class);
        waitUntil(120, () -> map.viewModel().mapProperty().get() != null && map.canvas().size() > 0);
        // the map re-fits once after the window's first layout: read the fit after that
        MapClicks.awaitSettledView(map.canvas());
        double fitted = onFx(() -> {
            map.canvas().fit();
            return map.canvas().view().scale();
        });
        onFx(() -> {
            map.canvas().zoomAround(100, 100, 4);
            window.main().select("runs");
            return null;
        });
        assertTrue(onFx(() -> map.canvas().view().scale()) > 2 * fitted);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        waitUntil(60, () -> Math.abs(map.canvas().view().scale() - fitted) < 1e-9 * Math.max(1, fitted));
        assertEquals("tab-map", selectedPanel());

        onFx(() -> {
            map.canvas().selectedIndexProperty().set(0);
            return null;
        });
        QueryController query = window.main().panel("query", QueryController.class);
        waitUntil(120, () -> !window.main().tabs().getScene().getRoot().lookup("#useMapPointButton").isDisabled());
        robot.push(KeyCode.CONTROL, KeyCode.F);
        assertEquals("tab-query", selectedPanel());
        waitUntil(60, () -> !fxValue(() -> robot.lookup("#queryResults").lookup(".query-hit").queryAll()).isEmpty());
        query.viewModel().lastQuery().get(120, TimeUnit.SECONDS);
        int k = onFx(() -> query.viewModel().kProperty().get());
        assertEquals(k, fxValue(() -> robot.lookup("#queryResults").lookup(".query-hit").queryAll()).size());
    }

    @Test
    void f1ListsEveryShortcutAndAboutShowsVersionsAndTheShippedLicence(FxRobot robot) throws Exception {
        robot.push(KeyCode.F1);
        waitUntil(60, () -> dialog("Keyboard shortcuts") != null);
        GridPane table = (GridPane) onFx(() -> dialog("Keyboard shortcuts").getScene().lookup("#shortcutsTable"));
        List<String> texts = onFx(() -> table.getChildren().stream()
                .map(node -> ((Labeled) node).getText()).toList());
        for (Shortcut shortcut : Shortcut.ALL) {
            assertTrue(texts.contains(shortcut.label()), shortcut.label());
            assertTrue(texts.contains(shortcut.keys().getDisplayText()), shortcut.keys().getDisplayText());
        }
        onFx(() -> {
            dialog("Keyboard shortcuts").hide();
            allMenuItems().stream().filter(i -> "aboutItem".equals(i.getId())).findFirst().orElseThrow().fire();
            return null;
        });
        waitUntil(60, () -> dialog("About DML Workbench") != null);
        Parent about = onFx(() -> dialog("About DML Workbench").getScene().getRoot());
        List<String> versions = onFx(() -> ((GridPane) about.lookup("#aboutVersions")).getChildren().stream()
                .map(node -> ((Labeled) node).getText()).toList());
        for (String name : List.of("DML Workbench", "DJL", "JavaFX", "Java", "PyTorch")) {
            assertTrue(versions.contains(name), name + " in " + versions);
        }
        assertEquals(System.getProperty("javafx.runtime.version"),
                versions.get(versions.indexOf("JavaFX") + 1));
        String shipped = Files.readString(Path.of("installers/LICENSE.txt")).strip();
        assertEquals(shipped, onFx(() -> ((TextArea) about.lookup("#aboutLicence")).getText()));
        assertEquals(shipped, AboutInfo.licence());
        // The PyTorch version arrives from a background load: never "reading..." forever.
        waitUntil(120, () -> !((Labeled) about.lookup("#aboutPytorch")).getText().equals("reading..."));
        onFx(() -> {
            dialog("About DML Workbench").hide();
            return null;
        });
    }

    @Test
    void theWindowHasTheWorkbenchIcon() throws Exception {
        assertFalse(onFx(() -> stage.getIcons().isEmpty()));
        assertEquals(256, onFx(() -> stage.getIcons().get(0).getWidth()), 0.5);
    }

    /**
     * Charts, canvases, image grids and image views, and any button or label that shows only a
     * picture, name themselves for screen readers.
     */
    @Test
    void controlsWithoutTextOfTheirOwnHaveAccessibleNames() throws Exception {
        List<String> unnamed = onFx(() -> {
            List<String> missing = new ArrayList<>();
            List<String> named = new ArrayList<>();
            for (var tab : window.main().tabs().getTabs()) {
                visit(tab.getContent(), tab.getId(), missing, named);
            }
            // The listing itself: a new chart or canvas joins it, with its name, or fails above.
            assertEquals(List.of("tab-data BarChart#classChart", "tab-data GridView#thumbnailGrid",
                    "tab-training LineChart#lossChart", "tab-training LineChart#metricsChart",
                    "tab-map ScatterCanvas#mapCanvas", "tab-map GridView#selectionGrid",
                    "tab-runs LineChart#compareChart", "tab-runs LineChart#compareLossChart",
                    "tab-study ImageView#studyPlot"),
                    named.stream().map(n -> n.substring(0, n.indexOf(':'))).toList(), named.toString());
            return missing;
        });
        assertEquals(List.of(), unnamed);
    }

    private static void visit(Node node, String where, List<String> missing, List<String> named) {
        boolean needsName = node instanceof Chart || node instanceof GridView || node instanceof ScatterCanvas
                || (node instanceof Canvas && !(node.getParent() instanceof ScatterCanvas))
                || (node instanceof ImageView && node.getId() != null)
                || (node instanceof Labeled labeled && (labeled.getText() == null || labeled.getText().isBlank())
                        && labeled.getGraphic() != null);
        if (needsName) {
            String text = node.getAccessibleText();
            String name = where + " " + node.getClass().getSimpleName() + "#" + node.getId();
            if (text == null || text.isBlank()) {
                missing.add(name);
            } else {
                named.add(name + ": " + text);
            }
        }
        // Cells of lists, tables and grids are virtual and named by their container.
        if (node instanceof Parent parent && !(node instanceof ListView) && !(node instanceof TableView)
                && !(node instanceof GridView) && !(node instanceof Chart)) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, where, missing, named);
            }
        }
    }

    private List<MenuItem> allMenuItems() {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) stage.getScene().getRoot().lookup(".menu-bar");
        List<MenuItem> items = new ArrayList<>();
        for (var menu : bar.getMenus()) {
            collect(menu, items);
        }
        return items;
    }

    private static void collect(MenuItem item, List<MenuItem> into) {
        into.add(item);
        if (item instanceof javafx.scene.control.Menu menu) {
            for (MenuItem child : menu.getItems()) {
                collect(child, into);
            }
        }
    }

    private static Stage dialog(String title) {
        for (Window w : Window.getWindows()) {
            if (w instanceof Stage s && s.isShowing() && title.equals(s.getTitle())) {
                return s;
            }
        }
        return null;
    }
}
