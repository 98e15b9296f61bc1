package org.dmlworkbench.ui.data;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxNode;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.data.PanelScenes.onFx;
import static org.dmlworkbench.ui.data.PanelScenes.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.controlsfx.control.GridView;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.ui.DataController;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.PopupChoices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class DataPanelTest {

    @TempDir
    static Path temp;

    private WorkbenchModel model;
    private DataController controller;

    @Start
    void start(Stage stage) throws Exception {
        model = new WorkbenchModel(temp.resolve("runs"), DatasetLocator.Options.defaults().withOffline(true));
        controller = new DataController(model);
        PanelScenes.show(stage, "data", controller, WorkbenchModel.Theme.LIGHT);
    }

    @AfterEach
    void shutDown() {
        model.shutdown();
    }

    @SuppressWarnings("unchecked")
    private <T> T node(FxRobot robot, String id) {
        return (T) fxNode(() -> robot.lookup(id).query());
    }

    private Dataset shown() {
        return model.datasetProperty().get();
    }

    @Test
    void sampleShowsTenClassesOf200TrainAnd50TestImagesAndThumbnailsOfTheChosenClass(FxRobot robot)
            throws Exception {
        robot.interact(() -> controller.open("sample"));
        TableView<ClassCount> table = node(robot, "#classTable");
        waitUntil("the sample's classes are listed", 30, () -> table.getItems().size() == 10);
        // the bundled sample holds 200 training and 50 test images of each Fashion-MNIST class
        for (ClassCount row : onFx(() -> List.copyOf(table.getItems()))) {
            assertEquals(200, row.train(), row.className());
            assertEquals(50, row.test(), row.className());
        }
        assertEquals("sample", onFx(() -> ((ComboBox<?>) node(robot, "#datasetChoice")).getValue()));
        String summary = onFx(() -> ((Label) node(robot, "#dataSummary")).getText());
        assertTrue(summary.startsWith("2,000 train / 500 test images in 10 classes, 1×28×28 grey"), summary);
        assertTrue(summary.contains("classpath:sample-data/fashion-mnist"), summary);
        assertEquals("sample", model.configProperty().get().data());

        GridView<Thumbnail> grid = node(robot, "#thumbnailGrid");
        waitUntil("200 thumbnails of the first class", 20, () -> grid.getItems().size() == 200);
        PopupChoices.pick(robot, "#thumbnailClass", "9-ankle-boot");
        waitUntil("thumbnails of class 9", 20, () -> grid.getItems().size() == 200
                && grid.getItems().stream().allMatch(t -> shown().train().label(t.index()) == 9));
        Thumbnail first = onFx(() -> grid.getItems().get(0));
        assertEquals(84, first.image().getWidth(), "28 px enlarged 3 times");
        assertTrue(first.description().contains("9-ankle-boot"), first.description());
        assertFalse(fxValue(() -> robot.lookup(".thumbnail-cell").queryAll()).isEmpty(), "cells are drawn");

        PopupChoices.pick(robot, "#thumbnailSplit", "test");
        waitUntil("the 50 test images of class 9", 20, () -> grid.getItems().size() == 50
                && grid.getItems().stream().allMatch(t -> shown().test().label(t.index()) == 9));
    }

    @Test
    void aMissingFolderShowsOneSentenceNotAStackTrace(FxRobot robot) {
        Path missing = temp.resolve("no-such-folder");
        robot.interact(() -> controller.open(missing.toString()));
        Label error = node(robot, "#dataError");
        waitUntil("the error shows", 20, () -> error.isVisible() && !error.getText().isEmpty());
        String text = error.getText();
        assertTrue(text.contains("no-such-folder") && text.contains("nor an existing folder"), text);
        assertFalse(text.contains("\n") || text.contains("Exception") || text.contains("\tat "), text);
        assertEquals(null, shown());
    }

    @Test
    void anUnreadableFileStopsLoadingUntilSkipBadIsTickedThenIsListed(FxRobot robot) throws Exception {
        Path folder = temp.resolve("shapes");
        for (String shape : List.of("circle", "square")) {
            for (int i = 0; i < 5; i++) {
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setSample(i, i, 0, 255);
                Files.createDirectories(folder.resolve(shape));
                ImageIO.write(image, "png", folder.resolve(shape).resolve(i + ".png").toFile());
            }
        }
        Files.writeString(folder.resolve("square").resolve("broken.png"), "this is not a PNG");

        robot.interact(() -> controller.open(folder.toString()));
        Label error = node(robot, "#dataError");
        waitUntil("the bad file stops loading", 20, () -> !error.getText().isEmpty());
        assertTrue(error.getText().contains("broken.png"), error.getText());
        assertTrue(onFx(() -> ((Label) node(robot, "#dataErrorHint")).getText()).contains("Skip bad files"));

        robot.clickOn(fxFind(() -> robot.lookup("#skipBadCheck").query()));
        ListView<String> bad = node(robot, "#badFilesList");
        waitUntil("the bad file is listed", 20, () -> bad.getItems().size() == 1);
        assertTrue(onFx(() -> bad.getItems().get(0)).contains("broken.png"));
        assertEquals("1", onFx(() -> ((Label) node(robot, "#badFilesCount")).getText()));
        assertEquals("", onFx(error::getText), "the error clears once the folder loads");
        // the ten good images, two classes; the broken one is left out
        assertEquals(10, shown().train().size() + shown().test().size());
        assertEquals(List.of("circle", "square"), shown().classNames());
        assertEquals(2, onFx(() -> ((TableView<?>) node(robot, "#classTable")).getItems().size()));
    }

    private static Path shapesFolder(Path folder) throws Exception {
        for (String shape : List.of("circle", "square")) {
            for (int i = 0; i < 5; i++) {
                BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setSample(i, i, 0, 255);
                Files.createDirectories(folder.resolve(shape));
                ImageIO.write(image, "png", folder.resolve(shape).resolve(i + ".png").toFile());
            }
        }
        return folder;
    }

    @Test
    void afterAFolderTheDataSetChoiceNamesItAndEveryPickLoadsWithoutAnError(FxRobot robot) throws Exception {
        Path folder = shapesFolder(temp.resolve("my-shapes"));
        List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = onFx(() -> {
            Thread fxThread = Thread.currentThread();
            Thread.UncaughtExceptionHandler old = fxThread.getUncaughtExceptionHandler();
            fxThread.setUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
            return old;
        });
        try {
            ComboBox<String> choice = node(robot, "#datasetChoice");
            robot.interact(() -> controller.open(folder.toString()));
            waitUntil("the folder is loaded", 20, () -> shown() != null && shown().classNames().size() == 2);

            for (String pick : List.of("sample", "sample")) {
                PopupChoices.pick(robot, "#datasetChoice", pick);
                waitUntil(pick + " is loaded", 30, () -> shown() != null && shown().name().equals(pick)
                        && !controller.viewModel().loadingProperty().get());
                robot.interact(() -> controller.open(folder.toString()));
                waitUntil("the folder is loaded again", 20, () -> shown() != null
                        && shown().classNames().size() == 2 && !controller.viewModel().loadingProperty().get());
            }
            assertEquals(List.of(), uncaught, "errors on the JavaFX thread");
            assertEquals("my-shapes", onFx(() -> choice.getButtonCell().getText()), "the choice names the folder");
        } finally {
            onFx(() -> {
                Thread.currentThread().setUncaughtExceptionHandler(previous);
                return null;
            });
        }
    }

    @Test
    void aNamedSetThatCannotBeDownloadedSaysWhyInWords(FxRobot robot) throws Exception {
        // No network: the download fails the way Java's HTTP client fails, with no message.
        DatasetLocator.Options offline = DatasetLocator.Options.defaults()
                .withHomeDir(temp.resolve("home")).withSystemDir(temp.resolve("system"))
                .withDownloader((url, target, progress, task) -> {
                    throw new java.net.ConnectException();
                });
        WorkbenchModel unconnected = new WorkbenchModel(temp.resolve("runs"), offline);
        DataController data = new DataController(unconnected);
        Stage second = onFx(() -> {
            Stage stage = new Stage();
            PanelScenes.show(stage, "data", data, WorkbenchModel.Theme.LIGHT);
            return stage;
        });
        try {
            robot.interact(() -> data.open("mnist"));
            Label shownError = onFx(() -> (Label) second.getScene().lookup("#dataError"));
            waitUntil("the error shows", 30, () -> !shownError.getText().isEmpty());
            String error = onFx(shownError::getText);
            assertTrue(error.startsWith("Data set 'mnist' is not on this computer"), error);
            assertFalse(error.contains("null"), error);
            assertTrue(error.contains("could not connect"), error);
        } finally {
            unconnected.shutdown();
            robot.interact(second::close);
        }
    }
}
