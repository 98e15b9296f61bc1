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
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.dmlworkbench.ui.query.QueryOutcome;
import org.dmlworkbench.ui.runview.TrainedSampleRun;
import org.dmlworkbench.ui.runview.WorkbenchWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The status bar says what happened last that the user asked for, and never "done" for a failure. */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {

    private static final File SNEAKER = new File("sample-data/fashion-mnist/test/7-sneaker/00009.png");

    @TempDir
    Path runs;
    @TempDir
    Path files;
    private WorkbenchWindow window;

    @BeforeAll
    static void trainOnce() {
        WorkbenchWindow.useLargeHeadlessScreen();
        TrainedSampleRun.run();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = WorkbenchWindow.start(stage, runs);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private static String statusBar(FxRobot robot) throws Exception {
        StatusBar bar = fxValue(() -> robot.lookup("#status-bar").queryAs(StatusBar.class));
        return onFx(bar::getText);
    }

    @Test
    void theDataPanelDoesNotShowTheArchitecturePanelsParameterCount(FxRobot robot) throws Exception {
        ArchitectureController architecture = window.main().panel("architecture", ArchitectureController.class);
        waitUntil(60, () -> architecture.viewModel().reportProperty().get() != null
                && !window.model().jobs().busyProperty().get());
        // A config change recounts in the background while the user is elsewhere.
        long before = onFx(() -> architecture.viewModel().reportProperty().get().parameters());
        onFx(() -> {
            window.model().configProperty().set(window.model().configProperty().get().toBuilder()
                    .model(window.model().configProperty().get().model().withEmbeddingDim(64)).build());
            return null;
        });
        waitUntil(60, () -> architecture.viewModel().reportProperty().get() != null
                && architecture.viewModel().reportProperty().get().parameters() != before
                && !window.model().jobs().busyProperty().get());
        onFx(() -> {
            window.main().select("data");
            return null;
        });
        String text = statusBar(robot);
        assertFalse(text.startsWith("Counting parameters"), "the Data panel's status bar says: " + text);
    }

    @Test
    void aQueryThatFoundNothingSaysWhyAndKeepsThePreviousResults(FxRobot robot) throws Exception {
        window.show(TrainedSampleRun.run(), "query");
        QueryController query = window.main().panel("query", QueryController.class);
        onFx(() -> {
            query.queryFiles(List.of(SNEAKER));
            return null;
        });
        query.viewModel().lastQuery().get(60, TimeUnit.SECONDS);
        List<QueryOutcome> before = onFx(() -> List.copyOf(query.viewModel().results()));
        assertEquals(1, before.size());

        File text = files.resolve("notes.txt").toFile();
        Files.writeString(text.toPath(), "these are notes, not pixels");
        onFx(() -> {
            query.queryFiles(List.of(text));
            return null;
        });
        query.viewModel().lastQuery().get(60, TimeUnit.SECONDS);
        String bar = statusBar(robot);
        assertFalse(bar.endsWith(": done"), "a query of a text file is not done: " + bar);
        assertTrue(bar.contains("notes.txt"), bar);
        assertEquals(before, onFx(() -> List.copyOf(query.viewModel().results())),
                "the previous results stay on show");
    }
}
