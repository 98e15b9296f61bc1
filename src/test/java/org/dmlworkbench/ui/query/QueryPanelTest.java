package org.dmlworkbench.ui.query;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.ui.QueryController;
import org.dmlworkbench.ui.runview.ActiveRunSession;
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

/** The Query panel in the real window, with a one-epoch run on the bundled sample. */
@ExtendWith(ApplicationExtension.class)
class QueryPanelTest {

    /** A test image of class 7 (sneaker), in the class-folder layout of the bundled sample. */
    static final File SNEAKER = new File("sample-data/fashion-mnist/test/7-sneaker/00009.png");

    @TempDir
    Path runs;
    @TempDir
    Path files;
    private WorkbenchWindow window;
    private QueryController query;

    @BeforeAll
    static void trainOnce() {
        WorkbenchWindow.useLargeHeadlessScreen();
        TrainedSampleRun.run();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = WorkbenchWindow.start(stage, runs);
        query = window.main().panel("query", QueryController.class);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private void queryAndWait(List<File> dropped) throws Exception {
        onFx(() -> {
            query.queryFiles(dropped);
            return null;
        });
        query.viewModel().lastQuery().get(60, TimeUnit.SECONDS);
    }

    private String errorText(FxRobot robot) throws Exception {
        Label error = fxValue(() -> robot.lookup("#queryError").queryAs(Label.class));
        return onFx(() -> error.isVisible() ? error.getText() : "");
    }

    private int shownHits(FxRobot robot) {
        return fxValue(() -> robot.lookup("#queryResults").lookup(".query-hit").queryAll()).size();
    }

    @Test
    void aSneakerImageGetsKNeighboursItsLabelAndAPrecision(FxRobot robot) throws Exception {
        LoadedRun run = window.show(TrainedSampleRun.run(), "query");
        queryAndWait(List.of(SNEAKER));
        assertEquals("", errorText(robot));
        List<QueryOutcome> results = onFx(() -> List.copyOf(query.viewModel().results()));
        assertEquals(1, results.size());
        QueryOutcome outcome = results.get(0);
        ImageSet train = run.dataset().train();
        assertEquals(7, outcome.label());
        assertEquals(train.classNames().get(7), outcome.className());
        assertEquals(QueryViewModel.DEFAULT_K, outcome.hits().size());
        assertEquals(QueryViewModel.DEFAULT_K, shownHits(robot));
        long sneakers = outcome.hits().stream().filter(hit -> train.label(hit.index()) == 7).count();
        assertEquals(sneakers / 10.0, outcome.precision(), 1e-12);
        for (int i = 1; i < outcome.hits().size(); i++) {
            assertTrue(outcome.hits().get(i).distance() >= outcome.hits().get(i - 1).distance());
        }
        String precision = String.format(java.util.Locale.ROOT, "Precision@10 for %s: %.2f",
                train.classNames().get(7), outcome.precision());
        assertTrue(fxValue(() -> robot.lookup("#queryResults").lookup(".badge").queryAs(Label.class)).getText()
                .equals(precision));
        assertEquals("train", outcome.gallery());
        assertTrue(outcome.conversion().contains("28x28 grey"), outcome.conversion());
        // Fewer neighbours: the last query is searched again with the new k.
        onFx(() -> {
            fxValue(() -> robot.lookup("#kSpinner").queryAs(javafx.scene.control.Spinner.class)).getValueFactory().setValue(5);
            return null;
        });
        query.viewModel().lastQuery().get(60, TimeUnit.SECONDS);
        assertEquals(5, shownHits(robot));
    }

    @Test
    void aTextFileGetsAClearMessageAndTheImagesOfTheSameDropStillGetResults(FxRobot robot)
            throws Exception {
        window.show(TrainedSampleRun.run(), "query");
        File text = files.resolve("notes.txt").toFile();
        Files.writeString(text.toPath(), "these are notes, not pixels");
        queryAndWait(List.of(text));
        String error = errorText(robot);
        assertTrue(error.startsWith("notes.txt is not an image format Java can read"), error);
        assertFalse(error.contains("Exception") || error.contains("\tat ") || error.contains(files.toString()),
                error);
        assertEquals(0, shownHits(robot));

        File empty = files.resolve("empty.png").toFile();
        Files.write(empty.toPath(), new byte[0]);
        File truncated = files.resolve("truncated.png").toFile();
        byte[] png = Files.readAllBytes(SNEAKER.toPath());
        Files.write(truncated.toPath(), Arrays.copyOf(png, png.length / 2));
        // A colour image of another size is converted to the model's 28x28 grey, and says so.
        File colour = files.resolve("photo.png").toFile();
        java.awt.image.BufferedImage photo = new java.awt.image.BufferedImage(64, 48,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                photo.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 90);
            }
        }
        javax.imageio.ImageIO.write(photo, "png", colour);
        queryAndWait(List.of(empty, SNEAKER, truncated, colour));
        String[] lines = errorText(robot).split("\n");
        assertEquals(2, lines.length, Arrays.toString(lines));
        assertEquals("empty.png is empty (0 bytes), not an image.", lines[0]);
        assertTrue(lines[1].startsWith("truncated.png is "), lines[1]);
        List<QueryOutcome> results = onFx(() -> List.copyOf(query.viewModel().results()));
        assertEquals(List.of("00009.png", "photo.png"), results.stream().map(QueryOutcome::name).toList());
        assertTrue(results.get(1).conversion().startsWith("converted 64x48 colour to 28x28 grey"),
                results.get(1).conversion());
        assertFalse(results.get(1).hasLabel(), "a file outside a class folder has no known class");
        assertTrue(Double.isNaN(results.get(1).precision()));
        assertEquals(2 * QueryViewModel.DEFAULT_K, shownHits(robot));
    }

    @Test
    void withoutAnActiveRunADropSaysWhatToDo(FxRobot robot) throws Exception {
        queryAndWait(List.of(SNEAKER));
        assertEquals("No run is active: train one in Training or open one in Runs to see its"
                + " embeddings here.", errorText(robot));
        assertEquals(0, shownHits(robot));
    }

    @Test
    void droppingFilesOnTheDropZoneRunsTheRealDragHandlers(FxRobot robot) throws Exception {
        window.show(TrainedSampleRun.run(), "query");
        VBox zone = fxValue(() -> robot.lookup("#queryDropZone").queryAs(VBox.class));
        Dragboard board = onFx(() -> {
            Dragboard dragboard = TestDragboards.create();
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(SNEAKER.getAbsoluteFile()));
            dragboard.setContent(content);
            return dragboard;
        });
        DragEvent over = new DragEvent(DragEvent.DRAG_OVER, board, 10, 10, 10, 10, TransferMode.COPY,
                null, zone, null);
        DragEvent drop = new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10, TransferMode.COPY,
                null, zone, null);
        TransferMode accepted = onFx(() -> {
            Event.fireEvent(zone, over);
            Event.fireEvent(zone, drop);
            return over.getAcceptedTransferMode();
        });
        assertEquals(TransferMode.COPY, accepted);
        query.viewModel().lastQuery().get(60, TimeUnit.SECONDS);
        assertEquals(QueryViewModel.DEFAULT_K, shownHits(robot));
        assertEquals("", errorText(robot));
    }

    @Test
    void anImageInMemoryIsSearchedWithTheLabelItIsGiven(FxRobot robot) throws Exception {
        LoadedRun run = window.show(TrainedSampleRun.run(), "query");
        ImageSet test = run.dataset().test();
        int item = 42;
        onFx(() -> {
            query.queryImage(ImageConversion.toImage(test, item), "test item 42", test.label(item));
            return null;
        });
        query.viewModel().lastQuery().get(60, TimeUnit.SECONDS);
        QueryOutcome outcome = onFx(() -> query.viewModel().results().get(0));
        assertEquals("test item 42", outcome.name());
        assertEquals(test.label(item), outcome.label());
        ImageSet train = run.dataset().train();
        long same = outcome.hits().stream().filter(hit -> train.label(hit.index()) == test.label(item)).count();
        assertEquals(same / (double) outcome.hits().size(), outcome.precision(), 1e-12);
        assertEquals(QueryViewModel.DEFAULT_K, shownHits(robot));
    }

    @Test
    void theSelectedMapPointIsSearchedWithItselfLeftOut(FxRobot robot) throws Exception {
        LoadedRun run = window.show(TrainedSampleRun.run(), "query");
        int point = 123;
        onFx(() -> {
            ActiveRunSession.of(window.model()).selectedPointProperty()
                    .set(new ActiveRunSession.MapPoint(run, point));
            query.viewModel().galleryProperty().set("test");
            return null;
        });
        robot.clickOn(fxFind(() -> robot.lookup("#useMapPointButton").query()));
        waitUntil(60, () -> query.viewModel().results().size() == 1 && !query.viewModel().busyProperty().get());
        QueryOutcome outcome = onFx(() -> query.viewModel().results().get(0));
        assertTrue(outcome.leftOutItself());
        assertEquals("test", outcome.gallery());
        assertEquals(run.points().label(point), outcome.label());
        // Brute force over the other 499 test embeddings, in double precision.
        Embeddings e = run.embeddings();
        double[] distances = new double[e.count()];
        for (int j = 0; j < e.count(); j++) {
            double d = 0;
            for (int c = 0; c < e.dim(); c++) {
                double diff = (double) e.get(point, c) - e.get(j, c);
                d += diff * diff;
            }
            distances[j] = j == point ? Double.POSITIVE_INFINITY : Math.sqrt(d);
        }
        double[] sorted = distances.clone();
        Arrays.sort(sorted);
        assertEquals(QueryViewModel.DEFAULT_K, outcome.hits().size());
        for (int r = 0; r < outcome.hits().size(); r++) {
            assertTrue(outcome.hits().get(r).index() != point);
            assertEquals(sorted[r], outcome.hits().get(r).distance(), 1e-4, "rank " + r);
        }
        // precision over the neighbours shown: the point itself is not one of them
        long same = outcome.hits().stream().filter(hit -> hit.label() == outcome.label()).count();
        assertEquals(same / (double) outcome.hits().size(), outcome.precision(), 1e-12);
        assertEquals("used as is (28x28 grey)", outcome.conversion());
    }
}
