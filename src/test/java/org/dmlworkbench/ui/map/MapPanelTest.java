package org.dmlworkbench.ui.map;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.projection.BarnesHutTsneProjector;
import org.dmlworkbench.projection.ExactTsneProjector;
import org.dmlworkbench.projection.IdentityProjector;
import org.dmlworkbench.projection.PcaProjector;
import org.dmlworkbench.projection.Projection;
import org.dmlworkbench.projection.UmapProjector;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.search.Neighbor;
import org.dmlworkbench.training.MetricTrainer;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.ui.MapController;
import org.dmlworkbench.ui.runview.LoadedRun;
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

/** The embedding map in the real window, with a one-epoch run on the bundled sample. */
@ExtendWith(ApplicationExtension.class)
class MapPanelTest {

    @TempDir
    Path runs;
    private WorkbenchWindow window;
    private MapController map;

    @BeforeAll
    static void trainOnce() {
        WorkbenchWindow.useLargeHeadlessScreen();
        TrainedSampleRun.run();
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

    private LoadedRun openWithPca() throws Exception {
        LoadedRun run = window.show(TrainedSampleRun.run(), "map");
        waitUntil(120, () -> map.viewModel().mapProperty().get() != null);
        MapClicks.awaitSettledView(map.canvas());
        return run;
    }

    private MapData shown() throws Exception {
        return onFx(() -> map.viewModel().mapProperty().get());
    }

    @Test
    void pcaMapShowsEveryTestImageAndALegendOfTenClasses(FxRobot robot) throws Exception {
        LoadedRun run = openWithPca();
        MapData data = shown();
        ImageSet test = TrainedSampleRun.sample().test();
        assertEquals(PcaProjector.METHOD, data.projection().method());
        assertEquals(500, test.size());
        assertEquals(test.size(), onFx(() -> map.canvas().size()));
        assertEquals(32, run.embeddings().dim());
        Pane legend = fxValue(() -> robot.lookup("#legend").queryAs(Pane.class));
        assertEquals(10, onFx(() -> legend.getChildren().size()));
        // The legend counts are the test set's class counts, in label order.
        int[] counts = test.classCounts();
        for (int label = 0; label < 10; label++) {
            int index = label;
            Node entry = onFx(() -> legend.getChildren().get(index));
            List<String> texts = onFx(() -> ((Pane) legend.getChildren().get(index))
                    .getChildrenUnmodifiable().stream().filter(n -> n instanceof Label)
                    .map(n -> ((Label) n).getText()).toList());
            assertEquals(List.of(test.classNames().get(label), String.valueOf(counts[label])), texts);
            assertTrue(entry.isVisible());
        }
        String notes = fxValue(() -> robot.lookup("#projectionNotes").queryAs(Label.class)).getText();
        assertTrue(notes.startsWith(data.projection().notes()), notes);
    }

    @Test
    void barnesHutMapCompletesAndItsNotesAreShown(FxRobot robot) throws Exception {
        openWithPca();
        onFx(() -> {
            map.viewModel().methodProperty().set(BarnesHutTsneProjector.METHOD);
            return null;
        });
        robot.clickOn(fxFind(() -> robot.lookup("#projectButton").query()));
        waitUntil(180, () -> map.viewModel().mapProperty().get().projection().method()
                .equals(BarnesHutTsneProjector.METHOD));
        Projection projection = shown().projection();
        assertEquals(500, projection.size());
        String notes = fxValue(() -> robot.lookup("#projectionNotes").queryAs(Label.class)).getText();
        assertTrue(notes.contains(projection.notes()), notes);
        assertTrue(notes.contains("Barnes-Hut"), notes);
        assertTrue(fxValue(() -> robot.lookup("#cancelProjectionButton").queryButton()).isDisabled());
        // Back to PCA comes from the session cache, without computing again.
        MapData pca = onFx(() -> {
            map.viewModel().methodProperty().set(PcaProjector.METHOD);
            return map.viewModel().mapProperty().get();
        });
        assertEquals(PcaProjector.METHOD, pca.projection().method());
        // The projection outlives the run being closed and opened again in this session.
        onFx(() -> {
            window.model().activeRunProperty().set(null);
            return null;
        });
        window.show(TrainedSampleRun.run(), "map");
        onFx(() -> {
            map.viewModel().methodProperty().set(BarnesHutTsneProjector.METHOD);
            return null;
        });
        waitUntil(60, () -> map.viewModel().mapProperty().get() != null && map.viewModel().mapProperty()
                .get().projection().method().equals(BarnesHutTsneProjector.METHOD));
        assertSame(projection, shown().projection());
    }

    @Test
    void umapMapAccountsForEveryPointItCouldNotPlace(FxRobot robot) throws Exception {
        openWithPca();
        onFx(() -> {
            map.viewModel().methodProperty().set(UmapProjector.METHOD);
            return null;
        });
        robot.clickOn(fxFind(() -> robot.lookup("#projectButton").query()));
        waitUntil(180, () -> map.viewModel().mapProperty().get().projection().method()
                .equals(UmapProjector.METHOD));
        MapData data = shown();
        Projection projection = data.projection();
        // Every test image is either on the map or named as left out, never both.
        assertEquals(500, projection.size() + projection.leftOut().length);
        assertEquals(projection.size(), onFx(() -> map.canvas().size()));
        for (int image : projection.leftOut()) {
            assertTrue(java.util.Arrays.binarySearch(projection.sourceIndices(), image) < 0);
        }
        String notes = fxValue(() -> robot.lookup("#projectionNotes").queryAs(Label.class)).getText();
        assertTrue(notes.contains(projection.notes()), notes);
        if (projection.leftOut().length > 0) {
            assertTrue(notes.contains("UMAP placed " + projection.size() + " of 500 points"), notes);
            assertTrue(notes.contains("Not shown:") && notes.contains("#" + projection.leftOut()[0]), notes);
        } else {
            assertFalse(notes.contains("Not shown"), notes);
        }
    }

    @Test
    void cancellingAProjectionKeepsTheMapOnShow(FxRobot robot) throws Exception {
        openWithPca();
        MapData before = shown();
        onFx(() -> {
            map.viewModel().methodProperty().set(ExactTsneProjector.METHOD);
            map.viewModel().project();
            return null;
        });
        assertTrue(onFx(() -> map.viewModel().projectingProperty().get()));
        robot.clickOn(fxFind(() -> robot.lookup("#cancelProjectionButton").query()));
        assertFalse(onFx(() -> map.viewModel().projectingProperty().get()));
        assertTrue(fxValue(() -> robot.lookup("#projectionNotes").queryAs(Label.class)).getText().contains("cancelled"));
        // Even if the projection had finished just before the cancel, its result is not shown.
        Thread.sleep(3000);
        assertEquals(before, shown());
    }

    @Test
    void oneNnWrongColouringMatchesAnIndependentLeaveOneOutSearch(FxRobot robot) throws Exception {
        LoadedRun run = openWithPca();
        onFx(() -> {
            map.viewModel().colourModeProperty().set(MapViewModel.ColourMode.NN_WRONG);
            return null;
        });
        MapData data = shown();
        Embeddings e = run.embeddings();
        ImageSet test = run.points();
        // Independent leave-one-out 1-NN in double precision: nearest other point, ties to the lower index.
        int wrong = 0;
        for (int i = 0; i < e.count(); i++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < e.count(); j++) {
                if (j == i) {
                    continue;
                }
                double d = 0;
                for (int c = 0; c < e.dim(); c++) {
                    double diff = (double) e.get(i, c) - e.get(j, c);
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = j;
                }
            }
            boolean isWrong = test.label(best) != test.label(i);
            wrong += isWrong ? 1 : 0;
            assertEquals(isWrong, data.isWrong(i), "point " + i);
        }
        assertTrue(wrong > 0 && wrong < e.count(), "a 1-epoch model gets some but not all right: " + wrong);
        assertEquals(wrong, data.wrongCount());
        Pane legend = fxValue(() -> robot.lookup("#legend").queryAs(Pane.class));
        int shownWrong = wrong;
        List<String> legendTexts = onFx(() -> legend.getChildren().stream()
                .flatMap(n -> ((Pane) n).getChildrenUnmodifiable().stream())
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).toList());
        assertEquals(4, legendTexts.size());
        assertTrue(legendTexts.get(0).startsWith("1-NN wrong"), legendTexts.toString());
        assertEquals(String.valueOf(shownWrong), legendTexts.get(1));
        assertEquals(String.valueOf(e.count() - shownWrong), legendTexts.get(3));
    }

    /** A point with no other point within twice the hit radius, so that hovering it is unambiguous. */
    private int isolatedPoint() throws Exception {
        return onFx(() -> {
            ScatterCanvas canvas = map.canvas();
            double clear = 2 * canvas.hitRadius();
            for (int i = 0; i < canvas.size(); i++) {
                double x = canvas.screenX(i);
                double y = canvas.screenY(i);
                boolean inside = x > 30 && y > 30 && x < canvas.getWidth() - 30 && y < canvas.getHeight() - 30;
                int index = i;
                boolean alone = IntStream.range(0, canvas.size()).noneMatch(j -> j != index
                        && Math.hypot(canvas.screenX(j) - x, canvas.screenY(j) - y) < clear);
                if (inside && alone) {
                    return i;
                }
            }
            throw new AssertionError("no isolated point on the map");
        });
    }

    @Test
    void hoveringAPointShowsItsThumbnailAndLabel(FxRobot robot) throws Exception {
        openWithPca();
        int point = isolatedPoint();
        MapClicks.hoverUntilHovered(robot, map.canvas(), point);
        MapData data = shown();
        Label title = fxValue(() -> robot.lookup(".map-hover-title").queryAs(Label.class));
        assertEquals(data.className(point), title.getText());
        assertEquals(TrainedSampleRun.sample().test().classNames().get(
                TrainedSampleRun.sample().test().label(data.imageIndex(point))), title.getText());
        assertTrue(fxValue(() -> robot.lookup(".map-hover-card .image-view").tryQuery()).isPresent());
    }

    @Test
    void clickingAPointListsItsNearestNeighboursInEmbeddingSpace(FxRobot robot) throws Exception {
        LoadedRun run = openWithPca();
        int point = isolatedPoint();
        MapClicks.clickUntilSelected(robot, map.canvas(), point);
        @SuppressWarnings("unchecked")
        ListView<Neighbor> list = fxValue(() -> robot.lookup("#neighbourList").queryAs(ListView.class));
        // The neighbour search runs as a background job behind the map's other jobs; on a machine
        // loaded to 13 on 2 cores it has taken over 30 s.
        waitUntil(180, () -> list.getItems().size() == MapViewModel.NEIGHBOURS);
        assertEquals(point, (int) onFx(() -> map.canvas().selectedIndexProperty().get()));
        // Brute force in double precision over the other 499 points.
        Embeddings e = run.embeddings();
        List<double[]> byDistance = new ArrayList<>();
        for (int j = 0; j < e.count(); j++) {
            if (j != point) {
                double d = 0;
                for (int c = 0; c < e.dim(); c++) {
                    double diff = (double) e.get(point, c) - e.get(j, c);
                    d += diff * diff;
                }
                byDistance.add(new double[] {Math.sqrt(d), j});
            }
        }
        byDistance.sort((a, b) -> Double.compare(a[0], b[0]));
        List<Neighbor> listed = onFx(() -> List.copyOf(list.getItems()));
        for (int r = 0; r < listed.size(); r++) {
            assertEquals(byDistance.get(r)[0], listed.get(r).distance(), 1e-4, "rank " + r);
        }
        assertEquals((int) byDistance.get(0)[1], listed.get(0).index());
        assertArrayEquals(listed.stream().mapToInt(Neighbor::index).toArray(),
                onFx(() -> map.canvas().highlightedProperty().get()));
        assertEquals(point, onFx(() -> map.session().selectedPointProperty().get().index()));
    }

    @Test
    void shiftDragSelectsThePointsInsideTheRectangle(FxRobot robot) throws Exception {
        openWithPca();
        ScatterCanvas canvas = map.canvas();
        double w = onFx(canvas::getWidth);
        double h = onFx(canvas::getHeight);
        double x0 = w * 0.3;
        double y0 = h * 0.3;
        double x1 = w * 0.65;
        double y1 = h * 0.7;
        // Whole screen pixels: the headless mouse moves in whole pixels.
        Point2D from = rounded(onFx(() -> canvas.localToScreen(x0, y0)));
        Point2D to = rounded(onFx(() -> canvas.localToScreen(x1, y1)));
        robot.press(KeyCode.SHIFT).drag(from, MouseButton.PRIMARY).moveTo(to)
                .release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        int[] selected = onFx(() -> canvas.selectionProperty().get());
        // Independent check: map the rectangle corners back to data coordinates through the view.
        Projection p = shown().projection();
        ViewTransform view = canvas.view();
        double left = onFx(canvas::snappedLeftInset);
        double top = onFx(canvas::snappedTopInset);
        Point2D a = onFx(() -> canvas.screenToLocal(from));
        Point2D b = onFx(() -> canvas.screenToLocal(to));
        double minX = view.toDataX(a.getX() - left);
        double maxX = view.toDataX(b.getX() - left);
        double maxY = view.toDataY(a.getY() - top);
        double minY = view.toDataY(b.getY() - top);
        int[] expected = IntStream.range(0, p.size()).filter(i -> p.x()[i] >= minX && p.x()[i] <= maxX
                && p.y()[i] >= minY && p.y()[i] <= maxY).toArray();
        assertTrue(expected.length > 10, "the rectangle covers part of the map: " + expected.length);
        // Points within a hundredth of a pixel of an edge may fall either way in float rounding.
        double edge = 0.01 / view.scale();
        int[] clearExpected = IntStream.of(expected).filter(i -> awayFromEdges(p, i, minX, maxX, minY, maxY, edge))
                .toArray();
        int[] clearSelected = IntStream.of(selected).filter(i -> awayFromEdges(p, i, minX, maxX, minY, maxY, edge))
                .toArray();
        assertArrayEquals(clearExpected, clearSelected);
        assertTrue(Math.abs(expected.length - selected.length) <= expected.length - clearExpected.length);
        @SuppressWarnings("unchecked")
        GridView<Integer> grid = fxValue(() -> robot.lookup("#selectionGrid").queryAs(GridView.class));
        assertEquals(selected.length, (int) onFx(() -> grid.getItems().size()));
        assertEquals("Selection · " + selected.length + " images",
                fxValue(() -> robot.lookup("#selectionTitle").queryAs(Label.class)).getText());
    }

    @Test
    void aTwoDimensionalEmbeddingOffersTheModelsOwnCoordinates(FxRobot robot) throws Exception {
        // A 2-D model trained briefly on 256 sample images (four steps) is enough to have a map.
        Dataset full = TrainedSampleRun.sample();
        Dataset small = new Dataset(full.name(), full.format(), full.location(),
                full.train().subset(IntStream.range(0, 256).toArray()), full.test(), List.of(),
                full.conversion());
        RunDirectory run = new RunDirectory(runs.resolve("two-d"));
        TrainingConfig config = TrainedSampleRun.config().toBuilder()
                .model(ModelSpec.preset("hybrid1").withEmbeddingDim(2)).build();
        MetricTrainer.create(run, config, small, TrainingObserver.NONE, new TrainingControl()).run();
        onFx(() -> {
            window.model().datasetProperty().set(small);
            return null;
        });
        LoadedRun loaded = window.show(run, "map");
        assertEquals(2, loaded.embeddings().dim());
        assertEquals(List.of(IdentityProjector.METHOD, PcaProjector.METHOD, BarnesHutTsneProjector.METHOD,
                UmapProjector.METHOD, ExactTsneProjector.METHOD), onFx(() -> List.copyOf(fxValue(() -> robot.lookup("#projectionChoice")
                        .queryAs(javafx.scene.control.ChoiceBox.class)).getItems())));
        waitUntil(120, () -> map.viewModel().mapProperty().get() != null);
        onFx(() -> {
            map.viewModel().methodProperty().set(IdentityProjector.METHOD);
            return null;
        });
        waitUntil(120, () -> map.viewModel().mapProperty().get().projection().method()
                .equals(IdentityProjector.METHOD));
        Projection p = shown().projection();
        for (int i = 0; i < p.size(); i++) {
            assertEquals(loaded.embeddings().get(i, 0), p.x()[i], 0f);
            assertEquals(loaded.embeddings().get(i, 1), p.y()[i], 0f);
        }
        // Back to the 32-d run: the option goes away again and PCA is chosen.
        window.show(TrainedSampleRun.run(), "map");
        waitUntil(120, () -> map.viewModel().mapProperty().get() != null);
        assertEquals(PcaProjector.METHOD, onFx(() -> map.viewModel().methodProperty().get()));
        assertFalse(onFx(() -> map.viewModel().methods().contains(IdentityProjector.METHOD)));
    }

    private static Point2D rounded(Point2D point) {
        return new Point2D(Math.round(point.getX()), Math.round(point.getY()));
    }

    private static boolean awayFromEdges(Projection p, int i, double minX, double maxX, double minY,
            double maxY, double edge) {
        return Math.abs(p.x()[i] - minX) > edge && Math.abs(p.x()[i] - maxX) > edge
                && Math.abs(p.y()[i] - minY) > edge && Math.abs(p.y()[i] - maxY) > edge;
    }
}
