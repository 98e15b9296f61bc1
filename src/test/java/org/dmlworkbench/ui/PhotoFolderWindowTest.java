package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.controlsfx.control.GridView;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.MetricTrainer;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.data.Thumbnail;
import org.dmlworkbench.ui.map.MapData;
import org.dmlworkbench.ui.map.MapViews;
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
 * The window on a folder of colour photos (issue 16, item 5): thumbnails in colour at their own
 * aspect ratio in the Data panel, the map's hover card and the query's results; a large JPEG
 * dropped on the Query panel is queried with the run's evaluation transform (decoded as the data
 * is, resized to cover 32 px and centre cropped, 3 channels), which the panel shows as the model
 * input.
 */
@ExtendWith(ApplicationExtension.class)
class PhotoFolderWindowTest {

    @TempDir
    static Path temp;
    private static Path photos;
    private static Path big;
    private static RunDirectory run;

    @TempDir
    Path runs;
    private WorkbenchWindow window;

    /**
     * Two classes of 120x80 colour JPEGs (reddish and bluish, noisy), and one 500x375 red photo
     * with a dark band on the left that the centre crop (x from 62.5 to 437.5) cuts away, so that
     * a squeeze instead of a crop shows.
     */
    @BeforeAll
    static void photosAndARunOnThem() throws IOException {
        WorkbenchWindow.useLargeHeadlessScreen();
        photos = temp.resolve("photos");
        Random random = new Random(3);
        for (String name : List.of("red", "blue")) {
            Files.createDirectories(photos.resolve(name));
            Color base = name.equals("red") ? new Color(210, 40, 30) : new Color(30, 50, 200);
            for (int i = 0; i < 10; i++) {
                BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 80; y++) {
                    for (int x = 0; x < 120; x++) {
                        int n = random.nextInt(40) - 20;
                        image.setRGB(x, y, new Color(clamp(base.getRed() + n), clamp(base.getGreen() + n),
                                clamp(base.getBlue() + n)).getRGB());
                    }
                }
                ImageIO.write(image, "jpg", photos.resolve(name).resolve(i + ".jpg").toFile());
            }
        }
        BufferedImage large = new BufferedImage(500, 375, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 375; y++) {
            for (int x = 0; x < 500; x++) {
                large.setRGB(x, y, x < 50 ? new Color(40, 20, 20).getRGB()
                        : new Color(clamp(180 + x / 10), 30, clamp(y / 3)).getRGB());
            }
        }
        big = photos.resolve("red").resolve("big.jpg");
        ImageIO.write(large, "jpg", big.toFile());

        // --image-size 32: colour photos give a 3-channel run
        Dataset data = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true)
                .withConversion(ConversionPolicy.square(32))).load(photos.toString());
        TrainingConfig config = TrainingConfig.defaults().toBuilder()
                .data(photos.toString()).imageSize(32)
                .model(ModelSpec.preset("hybrid1").withEmbeddingDim(16))
                .batchSize(4).epochs(1).seed(3).device("cpu").build();
        run = new RunDirectory(temp.resolve("photo-run"));
        TrainingOutcome outcome = MetricTrainer.create(run, config, data, TrainingObserver.NONE,
                new TrainingControl()).run();
        assertTrue(outcome.completed(), outcome.message());
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    @Start
    void start(Stage stage) throws Exception {
        window = WorkbenchWindow.start(stage, runs);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    /** Mean red minus mean blue of an image: clearly positive for the red class. */
    private static double redness(Image image) {
        PixelReader reader = image.getPixelReader();
        double sum = 0;
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = reader.getArgb(x, y);
                sum += ((argb >> 16) & 0xFF) - (argb & 0xFF);
            }
        }
        return sum / (w * h);
    }

    private static ImageView firstImageView(Node node) {
        if (node instanceof ImageView view) {
            return view;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                ImageView found = firstImageView(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    @SuppressWarnings("unchecked")
    void colourThumbnailsKeepTheirAspectRatioAndALargeJpegQueriesWithTheEvaluationTransform(FxRobot robot)
            throws Exception {
        WorkbenchModel model = window.model();
        DataController data = window.main().panel("data", DataController.class);
        onFx(() -> {
            window.main().select("data");
            model.configProperty().set(model.configProperty().get().toBuilder().imageSize(32).build());
            data.open(photos.toString());
            return null;
        });
        waitUntil(120, () -> model.datasetProperty().get() != null
                && model.datasetProperty().get().name().equals(photos.toString())
                && model.datasetProperty().get().train().channels() == 3);
        GridView<Thumbnail> grid = fxValue(() -> robot.lookup("#thumbnailGrid").queryAs(GridView.class));
        // class 0 is blue (folders in name order), its 120x80 photos fitted to 84 px: 84x56
        javafx.scene.control.Label note = fxValue(() -> robot.lookup("#thumbnailNote").queryAs(javafx.scene.control.Label.class));
        try {
            waitUntil(120, () -> grid.getItems().size() == 8);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("thumbnails: " + onFx(() -> grid.getItems().size() + " " + note.getText()), e);
        }
        for (Thumbnail thumbnail : onFx(() -> List.copyOf(grid.getItems()))) {
            assertEquals(84, thumbnail.image().getWidth(), thumbnail.description());
            assertEquals(56, thumbnail.image().getHeight(), thumbnail.description());
            assertTrue(redness(thumbnail.image()) < -100, "blue, in colour: " + redness(thumbnail.image()));
        }

        LoadedRun loaded = window.show(run, "map");
        assertEquals(3, loaded.dataset().train().channels());
        MapController map = window.main().panel("map", MapController.class);
        waitUntil(300, () -> map.viewModel().mapProperty().get() != null);
        MapData points = onFx(() -> map.viewModel().mapProperty().get());
        for (int p = 0; p < points.size(); p++) {
            int point = p;
            Image hover = onFx(() -> firstImageView(MapViews.hoverCard(points, point)).getImage());
            boolean isBig = loaded.points().source(points.imageIndex(p)).orElse("").endsWith("big.jpg");
            // the big photo decodes subsampled for a 32 px model (step 3: 167x125), fitted to 160
            assertEquals(isBig ? 160 / (500.0 / 375) : 80, hover.getHeight(), 1.0, "point " + p);
            assertEquals(isBig ? 160 : 120, hover.getWidth(), 1.0, "point " + p);
            double red = redness(hover);
            assertTrue(points.className(p).equals("red") ? red > 50 : red < -100,
                    points.className(p) + " in colour: " + red);
        }

        QueryController query = window.main().panel("query", QueryController.class);
        onFx(() -> {
            window.main().select("query");
            query.viewModel().galleryProperty().set("train");
            query.queryFiles(List.of(big.toFile()));
            return null;
        });
        query.viewModel().lastQuery().get(5, TimeUnit.MINUTES);
        List<QueryOutcome> results = onFx(() -> List.copyOf(query.viewModel().results()));
        assertEquals(1, results.size(), onFx(() -> query.viewModel().errorProperty().get()));
        QueryOutcome outcome = results.get(0);
        assertEquals("red", outcome.className());
        assertEquals(160, outcome.preview().getWidth(), 1.0, "the dropped photo at its own aspect ratio");
        assertEquals(120, outcome.preview().getHeight(), 1.0);

        // The model input: the same bytes as the run's data holds for this very file.
        Image input = outcome.modelInput();
        assertEquals(32, (int) input.getWidth());
        assertEquals(32, (int) input.getHeight());
        ImageSet split = loaded.dataset().train();
        int index = -1;
        for (int i = 0; i < split.size(); i++) {
            if (split.source(i).orElse("").endsWith("big.jpg")) {
                index = i;
            }
        }
        if (index < 0) {
            split = loaded.dataset().test();
            for (int i = 0; i < split.size(); i++) {
                if (split.source(i).orElse("").endsWith("big.jpg")) {
                    index = i;
                }
            }
        }
        assertTrue(index >= 0, "big.jpg is in the run's data");
        byte[] expected = new byte[split.imageBytes()];
        split.copyImage(index, expected, 0);
        byte[] shown = new byte[3 * 32 * 32];
        PixelReader reader = input.getPixelReader();
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int argb = reader.getArgb(x, y);
                shown[y * 32 + x] = (byte) (argb >> 16);
                shown[1024 + y * 32 + x] = (byte) (argb >> 8);
                shown[2048 + y * 32 + x] = (byte) argb;
            }
        }
        assertArrayEquals(expected, shown, "the query's model input is the evaluation transform's");
        // centre crop: the dark band left of x = 50 is cut away, so column 0 is red
        assertTrue(((reader.getArgb(0, 16) >> 16) & 0xFF) > 150, "centre crop, not a squeeze");
        assertTrue(outcome.conversion().contains("32x32"), outcome.conversion());

        for (QueryOutcome.Hit hit : outcome.hits()) {
            Image thumb = hit.thumbnail();
            boolean isBig = thumb.getWidth() == 160;
            assertEquals(isBig ? 4 / 3.0 : 1.5, thumb.getWidth() / thumb.getHeight(), 0.02, hit.className());
            assertTrue(hit.className().equals("red") ? redness(thumb) > 50 : redness(thumb) < -100,
                    hit.className() + " in colour");
        }
    }
}
