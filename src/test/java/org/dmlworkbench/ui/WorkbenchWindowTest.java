package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxNode;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.query.TestDragboards;
import org.dmlworkbench.ui.runview.ActiveRunSession;
import org.dmlworkbench.ui.runview.WorkbenchWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The whole window, as a user goes through it: start a short training on the sample, watch the
 * loss chart fill, stop, open the map, drop an image on the Query view and get k neighbours,
 * drop a text file and get a sentence, not a stack trace.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

    @TempDir
    static Path runs;

    private WorkbenchWindow window;

    @BeforeAll
    static void screen() {
        WorkbenchWindow.useLargeHeadlessScreen();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = WorkbenchWindow.start(stage, runs);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    @Test
    void trainStopMapAndQueryThroughTheWindow(FxRobot robot) throws Exception {
        WorkbenchModel model = window.model();
        MainController main = window.main();
        onFx(() -> {
            model.configProperty().set(TrainingConfig.defaults().toBuilder()
                    .model(ModelSpec.preset("hybrid1").withEmbeddingDim(32))
                    .batchSize(64).epochs(3).device("cpu").build());
            main.select("training");
            return null;
        });

        robot.clickOn(fxFind(() -> robot.lookup("#startButton").query()));
        LineChart<?, ?> loss = fxValue(() -> robot.lookup("#lossChart").queryAs(LineChart.class));
        waitUntil(120, () -> loss.getData().stream().anyMatch(series -> series.getData().size() >= 3));

        TrainingController training = main.panel("training", TrainingController.class);
        robot.clickOn(fxFind(() -> robot.lookup("#stopButton").query()));
        waitUntil(120, () -> training.outcomeProperty().get() != null && !training.runningProperty().get());
        TrainingOutcome outcome = onFx(() -> training.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.STOPPED, outcome.status(), outcome.message());
        RunDirectory run = onFx(() -> model.activeRunProperty().get());
        assertTrue(run.hasCheckpoint(), "stop must keep a checkpoint");
        assertTrue(Files.isRegularFile(run.modelFile()), "stop must keep a usable model");

        onFx(() -> {
            main.select("map");
            return null;
        });
        MapController map = main.panel("map", MapController.class);
        org.dmlworkbench.ui.runview.LoadedRun loaded = map.session().awaitReady(java.time.Duration.ofSeconds(120));
        assertEquals(run.root(), loaded.run().root());
        waitUntil(120, () -> map.viewModel().mapProperty().get() != null
                && !map.viewModel().projectingProperty().get());
        assertEquals(500, onFx(() -> map.viewModel().mapProperty().get().projection().size()));

        onFx(() -> {
            main.select("query");
            return null;
        });
        QueryController query = main.panel("query", QueryController.class);
        Node zone = fxNode(() -> robot.lookup("#queryDropZone").query());
        File sneaker = new File("sample-data/fashion-mnist/test/7-sneaker/00009.png").getAbsoluteFile();
        drop(zone, List.of(sneaker));
        query.viewModel().lastQuery().get(120, java.util.concurrent.TimeUnit.SECONDS);
        int k = onFx(() -> query.viewModel().kProperty().get());
        assertEquals(k, fxValue(() -> robot.lookup("#queryResults").lookup(".query-hit").queryAll()).size());
        assertEquals("", errorText(robot));

        Path text = runs.resolve("notes.txt");
        Files.writeString(text, "this is not an image");
        drop(zone, List.of(text.toFile()));
        query.viewModel().lastQuery().get(60, java.util.concurrent.TimeUnit.SECONDS);
        String error = errorText(robot);
        assertTrue(error.contains("notes.txt"), error);
        assertFalse(error.contains("Exception") || error.contains("\tat "), error);
    }

    private static void drop(Node zone, List<File> files) throws Exception {
        Dragboard board = onFx(() -> {
            Dragboard dragboard = TestDragboards.create();
            ClipboardContent content = new ClipboardContent();
            content.putFiles(files);
            dragboard.setContent(content);
            return dragboard;
        });
        DragEvent over = new DragEvent(DragEvent.DRAG_OVER, board, 10, 10, 10, 10, TransferMode.COPY,
                null, zone, null);
        DragEvent dropped = new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10,
                TransferMode.COPY, null, zone, null);
        TransferMode accepted = onFx(() -> {
            Event.fireEvent(zone, over);
            Event.fireEvent(zone, dropped);
            return over.getAcceptedTransferMode();
        });
        assertEquals(TransferMode.COPY, accepted, "the drop zone did not accept the files");
    }

    private static String errorText(FxRobot robot) throws Exception {
        Label error = fxValue(() -> robot.lookup("#queryError").queryAs(Label.class));
        return onFx(() -> error.isVisible() ? error.getText() : "");
    }
}
