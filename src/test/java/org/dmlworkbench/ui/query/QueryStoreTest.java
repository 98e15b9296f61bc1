package org.dmlworkbench.ui.query;

import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.dmlworkbench.cli.CliRunner;
import org.dmlworkbench.search.GallerySearch;
import org.dmlworkbench.ui.QueryController;
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

/**
 * A gallery store indexed from the command line ('index build --ann always' over the bundled
 * sample's 500 test images) and searched in the Query panel of the real window: the answers of
 * the HNSW index and of exact search are compared image by image.
 */
@ExtendWith(ApplicationExtension.class)
class QueryStoreTest {

    private static final Path GALLERY = Path.of("sample-data/fashion-mnist/test");

    @TempDir
    static Path stores;
    @TempDir
    Path runs;
    private WorkbenchWindow window;
    private QueryController query;

    @BeforeAll
    static void indexTheSampleFromTheCommandLine() {
        WorkbenchWindow.useLargeHeadlessScreen();
        Path run = TrainedSampleRun.run().root();
        CliRunner.Result built = CliRunner.run("index", "build", "--run", run.toString(), "--images",
                GALLERY.toString(), "--store", stores.resolve("sample-test").toString(), "--ann",
                "always", "--device", "cpu");
        assertEquals(0, built.exitCode(), built.err());
        assertTrue(built.out().contains("\"images\": 500"), built.out());
        assertTrue(built.out().contains("\"maxConn\": 16"), built.out());
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

    private List<QueryOutcome> search(GallerySearch.Mode mode, List<File> images) throws Exception {
        return search(stores.resolve("sample-test"), mode, images);
    }

    private List<QueryOutcome> search(Path store, GallerySearch.Mode mode, List<File> images)
            throws Exception {
        onFx(() -> {
            query.viewModel().storeSearchProperty().set(mode);
            query.viewModel().useStore(store);
            query.queryFiles(images);
            return null;
        });
        query.viewModel().lastQuery().get(120, TimeUnit.SECONDS);
        return onFx(() -> List.copyOf(query.viewModel().results()));
    }

    @Test
    void approximateAndExactAnswersAgreeInTheWindow(FxRobot robot) throws Exception {
        window.show(TrainedSampleRun.run(), "query");
        List<File> images = new ArrayList<>();
        for (String type : List.of("0-t-shirt-top", "5-sandal", "7-sneaker", "9-ankle-boot")) {
            try (Stream<Path> files = Files.list(GALLERY.resolve(type))) {
                images.add(files.sorted().skip(3).findFirst().orElseThrow().toFile());
            }
        }
        List<QueryOutcome> approximate = search(GallerySearch.Mode.APPROXIMATE, images);
        String status = onFx(() -> query.viewModel().statusProperty().get());
        assertTrue(status.contains("approximate (Lucene HNSW"), status);
        List<QueryOutcome> exact = search(GallerySearch.Mode.EXACT, images);
        assertTrue(onFx(() -> query.viewModel().statusProperty().get()).contains("searched exact"));
        assertEquals(images.size(), approximate.size());
        int same = 0;
        int total = 0;
        for (int q = 0; q < images.size(); q++) {
            List<QueryOutcome.Hit> a = approximate.get(q).hits();
            List<QueryOutcome.Hit> e = exact.get(q).hits();
            assertEquals(QueryViewModel.DEFAULT_K, a.size());
            List<Integer> exactItems = e.stream().map(QueryOutcome.Hit::index).toList();
            for (QueryOutcome.Hit hit : a) {
                total++;
                if (exactItems.contains(hit.index())) {
                    same++;
                    assertEquals(e.get(exactItems.indexOf(hit.index())).distance(), hit.distance(),
                            1e-9, "both report the exact distance");
                }
                assertNotNull(hit.thumbnail(), "thumbnail read from the gallery file");
            }
            // each query image is itself in the gallery: both find it first, at distance ~0
            assertEquals(e.get(0).index(), a.get(0).index());
            assertTrue(a.get(0).distance() < 1e-3, "distance " + a.get(0).distance());
            assertEquals("store", a.get(0).index() >= 0 ? approximate.get(q).gallery() : "");
            assertEquals(exact.get(q).className(), approximate.get(q).className());
        }
        assertTrue(same >= 0.95 * total, same + " of " + total + " approximate neighbours are exact ones");
        int shown = fxValue(() -> robot.lookup("#queryResults").lookup(".query-hit").queryAll()).size();
        assertEquals(images.size() * QueryViewModel.DEFAULT_K, shown);
        Label error = fxValue(() -> robot.lookup("#queryError").queryAs(Label.class));
        assertEquals("", onFx(() -> error.isVisible() ? error.getText() : ""));
    }

    /**
     * The acceptance run on a large store made by hand (docs/BENCHMARKS.md, "Galleries"): runs
     * only when -Ddmlwb.largeStore=STORE and -Ddmlwb.largeStoreRun=RUN are given, searches four
     * of the store's own images in the window with its HNSW index and exactly, prints both
     * answers' agreement and timing, and saves a screenshot when -Ddmlwb.screenshots=DIR is set.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "dmlwb.largeStore", matches = ".+")
    void aLargeStoreIsSearchedInTheWindow(FxRobot robot) throws Exception {
        Path store = Path.of(System.getProperty("dmlwb.largeStore"));
        Path run = Path.of(System.getProperty("dmlwb.largeStoreRun"));
        window.show(new org.dmlworkbench.run.RunDirectory(run), "query");
        List<File> images = new ArrayList<>();
        try (org.dmlworkbench.store.GalleryStore opened = org.dmlworkbench.store.GalleryStore.open(store)) {
            for (int row : new int[] {7, opened.count() / 3, opened.count() / 2, opened.count() - 5}) {
                images.add(new File(opened.source(row)));
            }
        }
        long start = System.nanoTime();
        List<QueryOutcome> approximate = search(store, GallerySearch.Mode.AUTO, images);
        double approximateSeconds = (System.nanoTime() - start) / 1e9;
        String status = onFx(() -> query.viewModel().statusProperty().get());
        assertTrue(status.contains("approximate (Lucene HNSW"), status);
        String folder = System.getProperty("dmlwb.screenshots");
        if (folder != null && !folder.isBlank()) {
            javafx.scene.image.WritableImage shot = onFx(() -> robot.window(0).getScene().snapshot(null));
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(shot, null),
                    "png", Path.of(folder, "query-store.png").toFile());
        }
        start = System.nanoTime();
        List<QueryOutcome> exact = search(store, GallerySearch.Mode.EXACT, images);
        double exactSeconds = (System.nanoTime() - start) / 1e9;
        int same = 0;
        for (int q = 0; q < images.size(); q++) {
            List<Integer> truth = exact.get(q).hits().stream().map(QueryOutcome.Hit::index).toList();
            same += (int) approximate.get(q).hits().stream().filter(h -> truth.contains(h.index())).count();
        }
        System.out.printf(java.util.Locale.ROOT, "large store in the window: %s%n  %d of %d"
                + " approximate neighbours are exact ones; %d queries: approximate %.1f s,"
                + " exact %.1f s (first search of each opens the store)%n", status, same,
                images.size() * QueryViewModel.DEFAULT_K, images.size(), approximateSeconds,
                exactSeconds);
        assertTrue(same >= 0.9 * images.size() * QueryViewModel.DEFAULT_K);
    }

    @Test
    void aStoreOfAnotherModelIsRefusedInOneSentence() throws Exception {
        window.show(TrainedSampleRun.run(), "query");
        Path foreign = stores.resolve("foreign");
        org.dmlworkbench.bench.cases.ClusteredVectors vectors =
                new org.dmlworkbench.bench.cases.ClusteredVectors(32, 3, 2, 0.1, 1);
        try {
            vectors.writeStore(foreign, 50, (t, d, n, u) -> { }, org.dmlworkbench.progress.Cancellation.none());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        onFx(() -> {
            query.viewModel().useStore(foreign);
            query.queryFiles(List.of(QueryPanelTest.SNEAKER));
            return null;
        });
        query.viewModel().lastQuery().get(60, TimeUnit.SECONDS);
        String error = onFx(() -> query.viewModel().errorProperty().get());
        assertTrue(error.contains("written by another model"), error);
    }
}
