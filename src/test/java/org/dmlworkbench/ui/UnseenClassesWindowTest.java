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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.map.MapData;
import org.dmlworkbench.ui.query.QueryOutcome;
import org.dmlworkbench.ui.runview.LoadedRun;
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
 * Issue 15's acceptance from the window: {@code train --data sample --split classes} chosen in
 * the Data panel, trained from the Training panel (1 epoch, small), then the map and the query
 * on the 5 unseen test classes, with their names.
 */
@ExtendWith(ApplicationExtension.class)
class UnseenClassesWindowTest {

    private static final List<String> TRAIN_CLASSES =
            List.of("0-t-shirt-top", "1-trouser", "2-pullover", "3-dress", "4-coat");
    private static final Set<String> TEST_CLASSES =
            Set.of("5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot");
    /** A test image of class 7 (sneaker), an unseen class under --split classes. */
    private static final File SNEAKER = new File("sample-data/fashion-mnist/test/7-sneaker/00009.png");

    @TempDir
    Path runs;
    private WorkbenchWindow window;

    @BeforeAll
    static void largeScreen() {
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

    private Dataset shown() {
        return window.model().datasetProperty().get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void splitClassesFromTheDataPanelTrainsAndTheMapAndQueryShowTheUnseenClasses(FxRobot robot)
            throws Exception {
        WorkbenchModel model = window.model();
        onFx(() -> {
            window.main().select("data");
            return null;
        });
        ChoiceBox<String> split = fxValue(() -> robot.lookup("#splitMode").queryAs(ChoiceBox.class));
        robot.interact(() -> split.setValue("classes"));
        waitUntil(120, () -> shown() != null && !shown().testClassesAreTrained()
                && model.dataProblemProperty().get().isEmpty());
        assertEquals(TRAIN_CLASSES, shown().classNames().subList(0, 5));

        TrainingController training = window.main().panel("training", TrainingController.class);
        RunDirectory run = onFx(() -> {
            window.main().select("training");
            TrainingConfig small = model.configProperty().get().toBuilder()
                    .model(ModelSpec.preset("hybrid1").withEmbeddingDim(32))
                    .batchSize(64).epochs(1).seed(5).device("cpu").build();
            model.configProperty().set(small);
            return training.startTraining();
        });
        waitUntil(60, () -> training.runningProperty().get() || training.outcomeProperty().get() != null);
        waitUntil(600, () -> !training.runningProperty().get() && training.outcomeProperty().get() != null);
        TrainingOutcome outcome = onFx(() -> training.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());

        // The run records the split it trained with, and trained on the 5 training classes only.
        TrainingConfig recorded = run.readManifest().config();
        assertEquals("classes", recorded.split().mode());
        assertEquals(0.5, recorded.split().trainFraction(), 1e-12);
        assertTrue(Files.readString(run.root().resolve("config.json")).contains("\"split\""));
        Label batches = fxValue(() -> robot.lookup("#runBatchesLabel").queryAs(Label.class));
        waitUntil(60, () -> batches.getText().startsWith("This run's batches: random batches of 64"));

        // The map shows the test split: only the unseen classes, by name.
        LoadedRun loaded = window.show(new RunDirectory(run.root()), "map");
        assertEquals("test", loaded.split());
        assertFalse(loaded.dataset().testClassesAreTrained(), "the run's data is split by classes");
        MapController map = window.main().panel("map", MapController.class);
        waitUntil(300, () -> map.viewModel().mapProperty().get() != null);
        MapData points = onFx(() -> map.viewModel().mapProperty().get());
        assertEquals(1250, points.size(), "every test image of the 5 unseen classes");
        for (int p = 0; p < points.size(); p++) {
            assertTrue(TEST_CLASSES.contains(points.className(p)), points.className(p));
        }

        // A sneaker queries the unseen classes' gallery: its class and its neighbours' are named.
        QueryController query = window.main().panel("query", QueryController.class);
        onFx(() -> {
            window.main().select("query");
            query.queryFiles(List.of(SNEAKER));
            return null;
        });
        query.viewModel().lastQuery().get(5, TimeUnit.MINUTES);
        List<QueryOutcome> results = onFx(() -> List.copyOf(query.viewModel().results()));
        assertEquals(1, results.size(), onFx(() -> query.viewModel().errorProperty().get()));
        QueryOutcome sneaker = results.get(0);
        assertEquals("test", sneaker.gallery());
        assertEquals("7-sneaker", sneaker.className());
        ImageSet gallery = loaded.dataset().test();
        assertEquals(10, sneaker.hits().size());
        for (QueryOutcome.Hit hit : sneaker.hits()) {
            assertTrue(TEST_CLASSES.contains(hit.className()), hit.className());
            assertEquals(gallery.classNames().get(gallery.label(hit.index())), hit.className());
        }
    }
}
