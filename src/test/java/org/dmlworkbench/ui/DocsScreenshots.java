package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.WindowDriver.await;
import static org.dmlworkbench.ui.WindowDriver.onFx;
import static org.dmlworkbench.ui.WindowDriver.pause;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.data.ImageFolderExporter;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.map.MapViewModel;
import org.dmlworkbench.ui.runs.RunRow;
import org.dmlworkbench.ui.study.StudyViewModel;

/**
 * Renders every panel of the real window, with real data, to the PNG files of
 * {@code docs/screenshots}: trains a 3-epoch run on the sample, projects it, queries two images,
 * runs a small study with one failing treatment and compares its runs. A tool for the docs, so it
 * lives with the tests; {@code ./workbench screenshots} runs it under Xvfb from the test classpath:
 * {@code java -cp target/dml-workbench.jar:target/test-classes org.dmlworkbench.ui.DocsScreenshots DIR}.
 */
public final class DocsScreenshots {

    // An upper bound: on a machine other work shares, a step can take many times its usual time.
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(20);

    private static volatile Path output;

    private final WindowDriver driver;
    private final MainController main;
    private final Stage stage;

    private DocsScreenshots(WindowDriver driver, MainController main, Stage stage) {
        this.driver = driver;
        this.main = main;
        this.stage = stage;
    }

    /**
     * Exits 0 when every screenshot was written into the folder {@code args[0]}. Not the
     * {@link Application} itself: Java's launcher refuses a main class that is one unless JavaFX
     * is on the module path, and the workbench's JavaFX is on the class path.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: DocsScreenshots FOLDER (the PNG files go there, e.g. docs/screenshots)");
            System.exit(2);
        }
        output = Path.of(args[0]);
        Application.launch(Window.class);
        System.exit(WorkbenchApp.exitCode());
    }

    /** The workbench window, with the screenshots taken from a thread of their own. */
    public static final class Window extends Application {

        private WorkbenchModel model;

        @Override
        public void start(Stage stage) throws IOException {
            // The user's settings neither shape the screenshots nor learn from them.
            model = WorkbenchModel.withDefaults(false);
            WorkbenchApp app = new WorkbenchApp(model, LaunchOptions.defaults());
            app.start(stage);
            DocsScreenshots screenshots = new DocsScreenshots(new WindowDriver(app.controller(), model),
                    app.controller(), stage);
            WindowDriver.runThenExit(model, "docs-screenshots", screenshots::render);
        }

        @Override
        public void stop() {
            model.shutdown();
        }
    }

    /**
     * A small real study on the sample (GELU vs ReLU, two seeds, two epochs), run in the panel,
     * with one more treatment whose learning rate makes the loss diverge, so that the screenshot
     * shows how a failed run and its reason look.
     */
    private static final String SCREENSHOT_STUDY = """
            {"name": "screenshot-activation", "title": "GELU vs ReLU on the bundled sample",
             "description": "hybrid1, ms+ce, 2 epochs, 2 seeds per activation; the last treatment's learning rate of 1e20 diverges on purpose",
             "base": {"data": "sample", "model": "hybrid1", "loss": "ms+ce", "epochs": 2, "batch": 100,
                      "embedding-dim": 32},
             "factors": [{"name": "activation", "variants": [
                             {"label": "gelu", "args": {"activation": "gelu"}},
                             {"label": "relu", "args": {"activation": "relu"}},
                             {"label": "relu lr 1e20", "args": {"activation": "relu", "lr": 1e20}}]},
                         {"name": "seed", "values": [1, 2]}],
             "metrics": ["precision_at_1", "r_precision", "map_at_r", "nmi"]}
            """;

    /** Opens the study, times it (Run), confirms the plan, and shows a failed run's reason. */
    private void studyScreenshot(Path folder) throws Exception {
        StudyController study = main.panel("study", StudyController.class);
        StudyViewModel view = study.viewModel();
        Path file = Files.createTempDirectory("dmlwb-study").resolve("screenshot-activation.json");
        Files.writeString(file, SCREENSHOT_STUDY);
        onFx(() -> {
            main.select("study");
            study.open(file);
        });
        try {
            await(() -> view.studyProperty().get() != null, STEP_TIMEOUT);
            onFx(view::prepare);
            await(() -> view.phaseProperty().get() != StudyViewModel.Phase.TIMING, STEP_TIMEOUT);
            if (onFx(() -> view.phaseProperty().get()) != StudyViewModel.Phase.CONFIRMING) {
                throw new IllegalStateException("the study's plan did not come: "
                        + onFx(() -> view.messageProperty().get()));
            }
            onFx(view::confirm);
            await(() -> !view.runningProperty().get() && !view.summary().isEmpty()
                    && view.plotProperty().get() != null, STEP_TIMEOUT);
        } catch (TimeoutException e) {
            String said = onFx(() -> view.phaseProperty().get() + ": " + view.messageProperty().get());
            throw new TimeoutException(e.getMessage() + "; the Study panel says " + said);
        }
        onFx(() -> study.selectFirstFailedRun());
        pause(1500);
        snapshot("study", folder);
    }

    /**
     * The Runs panel comparing three runs: the 3-epoch demo run and two completed runs of the
     * study (their folder is opened beside the runs folder), with the final-metrics table.
     */
    private void runsScreenshot(Path folder) throws Exception {
        RunsController runs = main.panel("runs", RunsController.class);
        Path studyRuns = main.panel("study", StudyController.class).viewModel()
                .folderFor("screenshot-activation").resolve("runs");
        onFx(() -> {
            main.select("runs");
            runs.open(studyRuns);
        });
        await(() -> runs.viewModel().rows().size() > 1 && !runs.viewModel().busyProperty().get(), STEP_TIMEOUT);
        List<RunRow> chosen = onFx(() -> runs.viewModel().rows().stream()
                .filter(row -> "completed".equals(row.summary().status())).limit(3).toList());
        if (chosen.size() >= 2) {
            onFx(() -> runs.viewModel().compare(chosen));
            await(() -> runs.viewModel().comparisonProperty().get() != null
                    && runs.viewModel().comparisonProperty().get().names().size() == chosen.size(), STEP_TIMEOUT);
        } else {
            onFx(() -> runs.viewModel().openRun(runs.viewModel().rows().get(0)));
        }
        pause(2000);
        snapshot("runs", folder);
    }

    private int render() throws Exception {
        Path folder = output;
        Files.createDirectories(folder);
        Dataset dataset = driver.awaitDataset();
        pause(2500);
        snapshot("data", folder);
        onFx(() -> main.select("architecture"));
        pause(2500);
        snapshot("architecture", folder);
        TrainingOutcome outcome = driver.train(3);
        if (!outcome.completed()) {
            throw new IllegalStateException("training for the screenshots did not complete: " + outcome.message());
        }
        snapshot("training", folder);

        MapController map = main.panel("map", MapController.class);
        onFx(() -> main.select("map"));
        map.session().awaitReady(STEP_TIMEOUT);
        MapViewModel mapModel = map.viewModel();
        // The run's PCA map comes first; a projection asked for meanwhile would be ignored.
        await(() -> mapModel.mapProperty().get() != null && !mapModel.projectingProperty().get(), STEP_TIMEOUT);
        String tsne = onFx(() -> mapModel.methods().stream()
                .filter(m -> m.toLowerCase().contains("barnes")).findFirst().orElse(mapModel.methods().get(0)));
        onFx(() -> {
            mapModel.methodProperty().set(tsne);
            mapModel.project();
        });
        await(() -> !mapModel.projectingProperty().get() && mapModel.mapProperty().get() != null
                && mapModel.mapProperty().get().projection().method().equals(tsne), STEP_TIMEOUT);
        onFx(() -> mapModel.selectPoint(0));
        pause(1500);
        snapshot("map", folder);

        QueryController query = main.panel("query", QueryController.class);
        onFx(() -> main.select("query"));
        List<File> images = sampleQueries(dataset.test(), folder.resolve(".queries"));
        onFx(() -> query.queryFiles(images));
        await(() -> query.viewModel().results().size() == images.size() && !query.viewModel().busyProperty().get(),
                STEP_TIMEOUT);
        pause(1500);
        snapshot("query", folder);

        deleteQueries(images);
        studyScreenshot(folder);
        runsScreenshot(folder);
        System.out.println("wrote " + MainController.PANELS.size() + " screenshots to " + folder.toAbsolutePath());
        return 0;
    }

    /**
     * One test image of each of two classes, written as PNG files in class folders named as the
     * data's (as a user would drop them), so the view can show each query's precision.
     */
    private static List<File> sampleQueries(ImageSet test, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<File> files = new ArrayList<>();
        int[] labels = test.labels();
        boolean[] taken = new boolean[test.numClasses()];
        for (int i = 0; i < labels.length && files.size() < 2; i++) {
            int label = labels[i];
            if (taken[label] || (files.size() == 0 && label != 7 % test.numClasses())) {
                continue;
            }
            taken[label] = true;
            BufferedImage image = ImageConversion.toImage(test, i);
            Path classFolder = folder.resolve(ImageFolderExporter.classFolderName(label,
                    test.classNames().get(label), test.numClasses()));
            Files.createDirectories(classFolder);
            Path file = classFolder.resolve(String.format("test-%05d.png", i));
            ImageIO.write(image, "png", file.toFile());
            files.add(file.toFile());
        }
        return files;
    }

    private static void deleteQueries(List<File> images) throws IOException {
        for (File file : images) {
            Files.deleteIfExists(file.toPath());
            Files.deleteIfExists(file.toPath().getParent());
        }
        if (!images.isEmpty()) {
            Files.deleteIfExists(images.get(0).toPath().getParent().getParent());
        }
    }

    private void snapshot(String name, Path folder) throws Exception {
        if (!name.equals("data") && !name.equals("training")) {
            onFx(() -> main.select(name));
        }
        pause(500);
        BufferedImage image = onFx(() -> SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null));
        ImageIO.write(image, "png", folder.resolve(name + ".png").toFile());
        System.out.println("screenshot: " + folder.resolve(name + ".png"));
    }
}
