package org.dmlworkbench.ui.map;

import static org.dmlworkbench.ui.FxLookups.fxNode;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.guided.NpyMatrix;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.projection.IdentityProjector;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.search.Neighbor;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.training.launch.TrainingJobs;
import org.dmlworkbench.ui.MapController;
import org.dmlworkbench.ui.runview.TrainedSampleRun;
import org.dmlworkbench.ui.runview.WorkbenchWindow;
import org.dmlworkbench.ui.PopupChoices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The map's Space choice on a tiny guided run (2-d student and master, one master epoch of
 * 4-triplet batches, one student epoch) and a tiny metric run, both on the bundled sample.
 */
@ExtendWith(ApplicationExtension.class)
class MasterSpaceMapTest {

    @TempDir
    static Path trained;
    private static RunDirectory guidedRun;
    private static RunDirectory metricRun;

    @TempDir
    Path runs;
    private WorkbenchWindow window;
    private MapController map;

    @BeforeAll
    static void train() throws IOException {
        WorkbenchWindow.useLargeHeadlessScreen();
        TrainingConfig base = TrainingConfig.defaults().toBuilder()
                .model(ModelSpec.preset("cnn").withLayout(0, java.util.List.of(8, 16)).withEmbeddingDim(2))
                .epochs(1).batchSize(100).seed(5).device("cpu").build();
        guidedRun = train(base.toBuilder().loss("guided", Map.of())
                .method("guided", null, Map.of("guided.master-epochs", "1", "guided.triplets", "4")).build(), "guided");
        metricRun = train(base.toBuilder().loss("ms", Map.of()).build(), "metric");
    }

    private static RunDirectory train(TrainingConfig config, String name) throws IOException {
        RunDirectory run = new RunDirectory(trained.resolve(name));
        TrainingOutcome outcome = TrainingJobs.create(run, config, TrainedSampleRun.sample(), TrainingObserver.NONE,
                new TrainingControl()).run();
        if (outcome.status() != TrainingOutcome.Status.COMPLETED) {
            throw new UncheckedIOException(new IOException(name + " run: " + outcome.message()));
        }
        return run;
    }

    @Start
    void start(Stage stage) throws Exception {
        window = WorkbenchWindow.start(stage, runs);
        map = window.main().panel("map", MapController.class);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private MapData shown() throws Exception {
        return onFx(() -> map.viewModel().mapProperty().get());
    }

    private boolean spaceOffered(FxRobot robot) throws Exception {
        return onFx(() -> fxNode(() -> robot.lookup("#spaceBox").query()).isVisible());
    }

    /** A point with no other within twice the hit radius, away from the edges. */
    private int isolatedPoint() throws Exception {
        return onFx(() -> {
            ScatterCanvas canvas = map.canvas();
            double clear = 2 * canvas.hitRadius();
            for (int i = 0; i < canvas.size(); i++) {
                double x = canvas.screenX(i);
                double y = canvas.screenY(i);
                int index = i;
                boolean inside = x > 30 && y > 30 && x < canvas.getWidth() - 30 && y < canvas.getHeight() - 30;
                if (inside && IntStream.range(0, canvas.size()).noneMatch(j -> j != index
                        && Math.hypot(canvas.screenX(j) - x, canvas.screenY(j) - y) < clear)) {
                    return i;
                }
            }
            throw new AssertionError("no isolated point on the map");
        });
    }

    @Test
    void aGuidedRunsMasterSpaceShowsZHatOfTheTrainingImagesAsItIs(FxRobot robot) throws Exception {
        window.show(guidedRun, "map");
        waitUntil(120, () -> map.viewModel().mapProperty().get() != null);
        assertTrue(spaceOffered(robot), "a guided run offers the Space choice");
        assertEquals("test", shown().run().split(), "the student's map comes first");
        assertEquals(500, shown().size());

        PopupChoices.pick(robot, "#spaceChoice", "Master (Z-hat, training split)");
        waitUntil(120, () -> {
            MapData data = map.viewModel().mapProperty().get();
            return data != null && data.run().split().equals("train");
        });
        MapData master = shown();
        ImageSet train = TrainedSampleRun.sample().train();
        assertEquals(IdentityProjector.METHOD, master.projection().method(), "2-d Z-hat is shown without projection");
        assertEquals(train.size(), master.size());
        // Point p is Z-hat's row imageIndex(p), exactly as the file holds it, coloured by its training label.
        NpyMatrix zHat = NpyMatrix.read(guidedRun.root().resolve("master").resolve("targets.npy"));
        for (int p = 0; p < master.size(); p++) {
            int row = master.imageIndex(p);
            assertEquals(zHat.data()[2 * row], master.projection().x()[p]);
            assertEquals(zHat.data()[2 * row + 1], master.projection().y()[p]);
            assertEquals(train.label(row), master.label(p));
        }
        String notes = onFx(() -> fxValue(() -> robot.lookup("#projectionNotes").queryAs(Label.class)).getText());
        assertTrue(notes.startsWith("Master space: the GEMINI master's 2-d embedding (Z-hat) of the 2,000 training"
                + " images, from " + Path.of("master", "targets.npy") + ". Shown as is, without projection."), notes);
        Pane legend = fxValue(() -> robot.lookup("#legend").queryAs(Pane.class));
        assertEquals(10, onFx(() -> legend.getChildren().size()));
        assertEquals(train.size(), onFx(() -> map.canvas().size()));

        // Hover: the training image's class. Click: its nearest points in Z-hat, by brute force.
        int point = isolatedPoint();
        MapClicks.hoverUntilHovered(robot, map.canvas(), point);
        assertEquals(train.classNames().get(train.label(master.imageIndex(point))),
                fxValue(() -> robot.lookup(".map-hover-title").queryAs(Label.class)).getText());
        MapClicks.clickUntilSelected(robot, map.canvas(), point);
        @SuppressWarnings("unchecked")
        ListView<Neighbor> list = fxValue(() -> robot.lookup("#neighbourList").queryAs(ListView.class));
        waitUntil(120, () -> list.getItems().size() == MapViewModel.NEIGHBOURS);
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < master.size(); j++) {
            double dx = (double) master.projection().x()[j] - master.projection().x()[point];
            double dy = (double) master.projection().y()[j] - master.projection().y()[point];
            double d = dx * dx + dy * dy;
            if (j != point && d < best) {
                best = d;
                nearest = j;
            }
        }
        assertEquals(nearest, (int) onFx(() -> list.getItems().get(0).index()));
        assertNull(onFx(() -> map.session().selectedPointProperty().get()),
                "a master point is not offered to the Query panel");

        PopupChoices.pick(robot, "#spaceChoice", "Student (this run's model)");
        waitUntil(120, () -> {
            MapData data = map.viewModel().mapProperty().get();
            return data != null && data.run().split().equals("test");
        });
        assertEquals(500, shown().size());

        // A metric run has no master: the choice goes and the map is the run's own.
        window.show(metricRun, "map");
        waitUntil(120, () -> {
            MapData data = map.viewModel().mapProperty().get();
            return data != null && data.run().run().root().equals(metricRun.root());
        });
        assertFalse(spaceOffered(robot));
        assertEquals(MapSpace.STUDENT, onFx(() -> map.viewModel().spaceProperty().get()));
        assertTrue(Files.isDirectory(guidedRun.root().resolve("master")));
    }
}
