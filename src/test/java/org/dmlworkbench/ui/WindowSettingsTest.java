package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.projection.UmapProjector;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.ui.map.MapViewModel;
import org.dmlworkbench.ui.runview.TrainedSampleRun;
import org.dmlworkbench.ui.runview.WorkbenchWindow;
import org.dmlworkbench.ui.settings.SettingsFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window remembers between starts: theme, size and position, panel, last data set and run,
 * recent runs and the map's choices. Each start is a new model and stage reading the same
 * settings file, as two launches of the program would.
 */
@ExtendWith(ApplicationExtension.class)
class WindowSettingsTest {

    @TempDir
    Path home;
    @TempDir
    Path runs;

    private record Started(Stage stage, WorkbenchModel model, MainController main) {}

    @BeforeAll
    static void screen() {
        WorkbenchWindow.useLargeHeadlessScreen();
        TrainedSampleRun.run();
    }

    private Started start(Path settings) throws Exception {
        return onFx(() -> {
            WorkbenchModel model = new WorkbenchModel(runs,
                    DatasetLocator.Options.defaults().withOffline(true), SettingsFile.at(settings));
            WorkbenchApp app = new WorkbenchApp(model,
                    new LaunchOptions(null, null, null, false));
            Stage stage = new Stage();
            app.start(stage);
            return new Started(stage, model, app.controller());
        });
    }

    private static void close(Started started) throws Exception {
        onFx(() -> {
            started.stage().hide();
            started.model().shutdown();
            return null;
        });
    }

    @Test
    void choicesSurviveARestart() throws Exception {
        Path settings = home.resolve("settings.json");
        RunDirectory run = TrainedSampleRun.run();
        Started first = start(settings);
        waitUntil(60, () -> first.model().datasetProperty().get() != null);
        String data = onFx(() -> first.model().datasetProperty().get().name());
        onFx(() -> {
            first.model().themeProperty().set(WorkbenchModel.Theme.DARK);
            first.stage().setX(40);
            first.stage().setY(30);
            first.stage().setWidth(1100);
            first.stage().setHeight(700);
            first.model().activeRunProperty().set(run);
            first.main().select("map");
            MapViewModel map = first.main().panel("map", MapController.class).viewModel();
            map.colourModeProperty().set(MapViewModel.ColourMode.NN_WRONG);
            map.methodProperty().set(UmapProjector.METHOD);
            return null;
        });
        close(first);
        assertTrue(Files.isRegularFile(settings), "closing the window writes the settings");

        Started second = start(settings);
        try {
            assertEquals(WorkbenchModel.Theme.DARK, onFx(() -> second.model().themeProperty().get()));
            assertTrue(onFx(() -> second.stage().getScene().getStylesheets().stream()
                    .anyMatch(sheet -> sheet.endsWith("dark.css"))), "the dark stylesheet is applied");
            assertEquals(40, onFx(() -> second.stage().getX()), 0.5);
            assertEquals(30, onFx(() -> second.stage().getY()), 0.5);
            assertEquals(1100, onFx(() -> second.stage().getWidth()), 0.5);
            assertEquals(700, onFx(() -> second.stage().getHeight()), 0.5);
            assertEquals("tab-map", onFx(() -> second.main().tabs().getSelectionModel().getSelectedItem().getId()));
            assertEquals(run.root(), onFx(() -> second.model().activeRunProperty().get().root()));
            MapViewModel map = second.main().panel("map", MapController.class).viewModel();
            assertEquals(MapViewModel.ColourMode.NN_WRONG, onFx(() -> map.colourModeProperty().get()));
            assertEquals(UmapProjector.METHOD, onFx(() -> map.methodProperty().get()));
            waitUntil(60, () -> second.model().datasetProperty().get() != null);
            assertEquals(data, onFx(() -> second.model().datasetProperty().get().name()));

            Menu recent = onFx(() -> recentMenu(second));
            List<String> items = onFx(() -> recent.getItems().stream().map(MenuItem::getText).toList());
            assertEquals(1, items.size(), items.toString());
            assertTrue(items.get(0).startsWith(run.root().getFileName().toString()), items.toString());
            assertFalse(onFx(recent::isDisable));
        } finally {
            close(second);
        }
    }

    @Test
    void aDamagedSettingsFileStartsWithTheDefaults() throws Exception {
        Path settings = home.resolve("settings.json");
        Files.writeString(settings, "{ this is not json");
        Started started = start(settings);
        try {
            assertEquals(WorkbenchModel.Theme.LIGHT, onFx(() -> started.model().themeProperty().get()));
            assertEquals("tab-data", onFx(() -> started.main().tabs().getSelectionModel().getSelectedItem().getId()));
        } finally {
            close(started);
        }
        assertTrue(Files.readString(settings).contains("\"theme\": \"LIGHT\""), "rewritten whole on close");
    }

    private static Menu recentMenu(Started started) {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) started.stage().getScene()
                .getRoot().lookup(".menu-bar");
        return (Menu) bar.getMenus().get(0).getItems().stream()
                .filter(item -> "recentMenu".equals(item.getId())).findFirst().orElseThrow();
    }
}
