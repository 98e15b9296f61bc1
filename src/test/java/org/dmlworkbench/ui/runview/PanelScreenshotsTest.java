package org.dmlworkbench.ui.runview;

import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.dmlworkbench.projection.BarnesHutTsneProjector;
import org.dmlworkbench.ui.MapController;
import org.dmlworkbench.ui.QueryController;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.map.ScatterCanvas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Renders the map and query panels with a trained run to PNG files for a visual check, in both
 * themes. Runs only when {@code -Ddmlwb.screenshots=FOLDER} is given.
 */
@ExtendWith(ApplicationExtension.class)
class PanelScreenshotsTest {

    private static final String FOLDER = System.getProperty("dmlwb.screenshots");

    @TempDir
    Path runs;
    @TempDir
    Path scratch;
    private WorkbenchWindow window;
    private Stage stage;

    @BeforeAll
    static void onlyWhenAsked() {
        Assumptions.assumeTrue(FOLDER != null && !FOLDER.isBlank(),
                "screenshots are taken only with -Ddmlwb.screenshots=FOLDER");
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

    @Test
    void renderMapAndQuery(FxRobot robot) throws Exception {
        Path out = Path.of(FOLDER);
        Files.createDirectories(out);
        MapController map = window.main().panel("map", MapController.class);
        onFx(() -> {
            window.main().select("map");
            return null;
        });
        Thread.sleep(300);
        snapshot(out.resolve("map-empty-light.png"));
        window.show(TrainedSampleRun.run(), "map");
        waitUntil(120, () -> map.viewModel().mapProperty().get() != null);
        onFx(() -> {
            map.viewModel().methodProperty().set(BarnesHutTsneProjector.METHOD);
            map.viewModel().project();
            return null;
        });
        waitUntil(60, () -> map.viewModel().mapProperty().get().projection().method()
                .equals(BarnesHutTsneProjector.METHOD));
        ScatterCanvas canvas = map.canvas();
        Point2D from = onFx(() -> canvas.localToScreen(canvas.getWidth() * 0.55, canvas.getHeight() * 0.55));
        Point2D to = onFx(() -> canvas.localToScreen(canvas.getWidth() * 0.75, canvas.getHeight() * 0.8));
        robot.press(KeyCode.SHIFT).drag(from, MouseButton.PRIMARY).moveTo(to)
                .release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        Point2D point = onFx(() -> canvas.localToScreen(canvas.screenX(17), canvas.screenY(17)));
        robot.clickOn(point);
        Point2D hover = onFx(() -> canvas.localToScreen(canvas.screenX(42), canvas.screenY(42)));
        robot.moveTo(hover);
        Thread.sleep(500);
        snapshot(out.resolve("map-light.png"));
        theme(WorkbenchModel.Theme.DARK);
        snapshot(out.resolve("map-dark.png"));
        onFx(() -> {
            map.viewModel().colourModeProperty().set(org.dmlworkbench.ui.map.MapViewModel.ColourMode.NN_WRONG);
            return null;
        });
        Thread.sleep(300);
        snapshot(out.resolve("map-nn-dark.png"));
        theme(WorkbenchModel.Theme.LIGHT);
        snapshot(out.resolve("map-nn-light.png"));

        theme(WorkbenchModel.Theme.LIGHT);
        QueryController query = window.main().panel("query", QueryController.class);
        Path text = scratch.resolve("notes.txt");
        Files.writeString(text, "not an image");
        onFx(() -> {
            window.main().select("query");
            query.queryFiles(List.of(
                    new File("sample-data/fashion-mnist/test/7-sneaker/00009.png"),
                    new File("sample-data/fashion-mnist/test/3-dress/" + firstFile("3-dress")),
                    text.toFile()));
            return null;
        });
        query.viewModel().lastQuery().get();
        Thread.sleep(500);
        snapshot(out.resolve("query-light.png"));
        theme(WorkbenchModel.Theme.DARK);
        snapshot(out.resolve("query-dark.png"));
    }

    private static String firstFile(String classFolder) throws Exception {
        try (var files = Files.list(Path.of("sample-data/fashion-mnist/test", classFolder))) {
            return files.sorted().findFirst().orElseThrow().getFileName().toString();
        }
    }

    private void theme(WorkbenchModel.Theme theme) throws Exception {
        onFx(() -> {
            window.model().themeProperty().set(theme);
            return null;
        });
        Thread.sleep(300);
    }

    private void snapshot(Path file) throws Exception {
        var image = onFx(() -> stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        var written = ImageIO.read(file.toFile());
        org.junit.jupiter.api.Assertions.assertEquals((int) stage.getScene().getWidth(), written.getWidth(),
                file + " holds the whole window");
    }
}
