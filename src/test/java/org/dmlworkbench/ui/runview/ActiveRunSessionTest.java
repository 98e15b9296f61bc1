package org.dmlworkbench.ui.runview;

import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.ui.WorkbenchModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The shared run behind the map and query panels: opening, reuse, closing. */
@ExtendWith(ApplicationExtension.class)
class ActiveRunSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;
    private WorkbenchModel model;
    private ActiveRunSession session;

    @BeforeAll
    static void trainOnce() {
        WorkbenchWindow.useLargeHeadlessScreen();
        TrainedSampleRun.run();
    }

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 100, 100));
        stage.show();
        model = new WorkbenchModel(folder.resolve("runs"), DatasetLocator.Options.defaults().withOffline(true));
        session = ActiveRunSession.of(model);
    }

    @AfterEach
    void shutdown() throws Exception {
        onFx(() -> {
            model.shutdown();
            return null;
        });
    }

    private void activate(RunDirectory run) throws Exception {
        onFx(() -> {
            model.activeRunProperty().set(run);
            return null;
        });
    }

    @Test
    void theActiveRunIsOpenedWithTheLoadedDataAndItsTestSplitEmbedded() throws Exception {
        onFx(() -> {
            model.datasetProperty().set(TrainedSampleRun.sample());
            return null;
        });
        activate(TrainedSampleRun.run());
        LoadedRun run = session.awaitReady(WAIT);
        assertSame(TrainedSampleRun.sample(), run.dataset(), "the same data is reused, not read again");
        assertEquals("test", run.split());
        assertSame(run.dataset().test(), run.points());
        assertEquals(500, run.embeddings().count());
        assertEquals(32, run.embeddings().dim());
        assertTrue(onFx(() -> session.readyProperty().get()));
        assertEquals(ActiveRunSession.State.READY, onFx(() -> session.stateProperty().get()));
        assertTrue(onFx(() -> session.messageProperty().get()).contains("500 test images"));
        // The same embeddings as a model opened here embeds for the test split.
        try (TrainedModel trained = TrainedModel.open(TrainedSampleRun.run(), Device.cpu())) {
            Embeddings expected = trained.embedder(100).embed(TrainedSampleRun.sample().test(),
                    ProgressListener.NONE, new Cancellation());
            assertArrayEquals(expected.data(), run.embeddings().data(), 1e-5f);
        }
    }

    @Test
    void withoutLoadedDataTheRunsOwnDataIsLoadedByName() throws Exception {
        activate(TrainedSampleRun.run());
        LoadedRun run = session.awaitReady(WAIT);
        assertNotSame(TrainedSampleRun.sample(), run.dataset());
        assertEquals(run.manifest().data().fingerprint(), run.dataset().fingerprint());
    }

    @Test
    void changingTheActiveRunClosesThePreviousModel() throws Exception {
        activate(TrainedSampleRun.run());
        LoadedRun first = session.awaitReady(WAIT);
        activate(null);
        waitUntil(60, first::isClosed);
        assertEquals(ActiveRunSession.State.NO_RUN, onFx(() -> session.stateProperty().get()));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> session.awaitReady(WAIT));
        assertTrue(none.getMessage().startsWith("No run is active"), none.getMessage());
        activate(TrainedSampleRun.run());
        LoadedRun second = session.awaitReady(WAIT);
        assertNotSame(first, second);
        assertFalse(second.isClosed());
        assertThrows(IllegalStateException.class, () -> session.useEngine(first, () -> "closed"));
        assertEquals("open", session.useEngine(second, () -> "open"));
    }

    @Test
    void aRunThatHasNotTrainedYetIsExplainedNotOpened() throws Exception {
        RunDirectory fresh = new RunDirectory(folder.resolve("fresh"));
        Files.createDirectories(fresh.root());
        Files.copy(TrainedSampleRun.run().configFile(), fresh.configFile());
        activate(fresh);
        assertEquals(ActiveRunSession.State.NO_RUN, onFx(() -> session.stateProperty().get()));
        String message = onFx(() -> session.messageProperty().get());
        assertEquals("Run fresh has not trained a step yet: its map and search appear once it has a"
                + " checkpoint.", message);
    }

    @Test
    void aDamagedRunGivesOneSentenceAndNoStackTrace() throws Exception {
        RunDirectory broken = new RunDirectory(folder.resolve("broken"));
        Files.createDirectories(broken.root());
        Files.writeString(broken.configFile(), "{ this is not json");
        Files.writeString(broken.modelFile(), "not parameters");
        activate(broken);
        assertThrows(ExecutionException.class, () -> session.awaitReady(WAIT));
        assertEquals(ActiveRunSession.State.FAILED, onFx(() -> session.stateProperty().get()));
        String message = onFx(() -> session.messageProperty().get());
        assertTrue(message.startsWith("Cannot show run broken: "), message);
        assertFalse(message.contains("\tat ") || message.contains("\n"), message);
    }

    @Test
    void newerParametersAreOpenedWhenThePanelIsShownAgain() throws Exception {
        RunDirectory run = TrainedSampleRun.run();
        activate(run);
        LoadedRun first = session.awaitReady(WAIT);
        onFx(() -> {
            session.refreshIfChanged();
            return null;
        });
        assertSame(first, session.awaitReady(WAIT), "nothing changed: nothing reopened");
        Files.setLastModifiedTime(run.modelFile(), FileTime.fromMillis(
                Files.getLastModifiedTime(run.modelFile()).toMillis() + 1000));
        onFx(() -> {
            session.refreshIfChanged();
            return null;
        });
        LoadedRun second = session.awaitReady(WAIT);
        assertNotSame(first, second);
        waitUntil(60, first::isClosed);
    }

    @Test
    void shuttingDownClosesTheOpenModel() throws Exception {
        activate(TrainedSampleRun.run());
        LoadedRun run = session.awaitReady(WAIT);
        onFx(() -> {
            model.shutdown();
            return null;
        });
        assertTrue(run.isClosed());
    }
}
