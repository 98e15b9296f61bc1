package org.dmlworkbench.ui.data;

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
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.ui.DataController;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.training.TrainingViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Data panel's split choice: applied to the data on show, recorded in the config, gating Start. */
@ExtendWith(ApplicationExtension.class)
class DataSplitPanelTest {

    @TempDir
    static Path temp;

    private WorkbenchModel model;
    private DataController controller;
    private TrainingViewModel training;

    @Start
    void start(Stage stage) throws Exception {
        model = new WorkbenchModel(temp.resolve("runs"), DatasetLocator.Options.defaults().withOffline(true));
        controller = new DataController(model);
        training = TrainingViewModel.of(model);
        PanelScenes.show(stage, "data", controller, WorkbenchModel.Theme.LIGHT);
    }

    @AfterEach
    void shutDown() {
        model.shutdown();
    }

    private <T extends javafx.scene.Node> T node(FxRobot robot, String id, Class<T> type) {
        return fxValue(() -> robot.lookup(id).queryAs(type));
    }

    private Dataset shown() {
        return model.datasetProperty().get();
    }

    private void set(FxRobot robot, String id, String text) {
        robot.interact(() -> node(robot, id, TextField.class).setText(text));
    }

    @SuppressWarnings("unchecked")
    private void choose(FxRobot robot, String mode) {
        robot.interact(() -> node(robot, "#splitMode", ChoiceBox.class).setValue(mode));
    }

    private String problem(FxRobot robot) throws Exception {
        Label label = node(robot, "#splitProblem", Label.class);
        return onFx(() -> label.isVisible() ? label.getText() : "");
    }

    /** Classes with training images and classes with test images, by name. */
    private static List<List<String>> sides(Dataset data) {
        int[] train = data.train().classCounts();
        int[] test = data.test().classCounts();
        List<String> trainNames = new java.util.ArrayList<>();
        List<String> testNames = new java.util.ArrayList<>();
        for (int c = 0; c < data.classNames().size(); c++) {
            if (c < train.length && train[c] > 0) {
                trainNames.add(data.classNames().get(c));
            }
            if (c < test.length && test[c] > 0) {
                testNames.add(data.classNames().get(c));
            }
        }
        return List.of(trainNames, testNames);
    }

    @Test
    void splitClassesDividesTheSampleIntoFiveTrainingAndFiveUnseenTestClasses(FxRobot robot) throws Exception {
        robot.interact(() -> controller.open("sample"));
        waitUntil("the sample is loaded", 60, () -> shown() != null && shown().name().equals("sample"));
        assertTrue(shown().testClassesAreTrained(), "auto: the sample's own split, the same classes");
        assertTrue(onFx(() -> node(robot, "#splitFraction", TextField.class).isDisabled()),
                "the fraction means nothing for auto");

        choose(robot, "classes");
        waitUntil("the split is applied", 60, () -> !shown().testClassesAreTrained()
                && model.dataProblemProperty().get().isEmpty());
        List<List<String>> sides = sides(shown());
        assertEquals(List.of("0-t-shirt-top", "1-trouser", "2-pullover", "3-dress", "4-coat"), sides.get(0));
        assertEquals(List.of("5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot"), sides.get(1));
        // every image of a class is on one side: 250 per class, pooled from the 200 + 50
        assertEquals(1250, shown().train().size());
        assertEquals(1250, shown().test().size());
        assertEquals("classes", model.configProperty().get().split().mode());
        assertEquals("", problem(robot));
        TableView<?> table = node(robot, "#classTable", TableView.class);
        waitUntil("the table lists the split", 20, () -> table.getItems().stream()
                .map(row -> (ClassCount) row).allMatch(row -> (row.train() == 0) != (row.test() == 0)));
        assertTrue(onFx(() -> training.canStartProperty().get()), "a valid split lets Start train");

        set(robot, "#splitFraction", "0.3");
        waitUntil("3 training classes", 60, () -> sides(shown()).get(0).size() == 3
                && model.dataProblemProperty().get().isEmpty());
        assertEquals(0.3, model.configProperty().get().split().trainFraction(), 1e-12);

        set(robot, "#splitFraction", "1.5");
        waitUntil("the fraction is refused", 20, () -> !problem(robot).isEmpty());
        String refused = problem(robot);
        assertTrue(refused.contains("between 0 and 1") && !refused.contains("\n"), refused);
        assertFalse(onFx(() -> training.canStartProperty().get()), "Start waits for a valid split");
        assertEquals(0.3, model.configProperty().get().split().trainFraction(), 1e-12,
                "the config keeps the last valid split");

        Path missing = temp.resolve("no-such-classes.txt");
        set(robot, "#testClassesFile", missing.toString());
        waitUntil("the missing file is named", 20, () -> problem(robot).contains("no-such-classes.txt"));
        assertFalse(onFx(() -> training.canStartProperty().get()));

        Path list = Files.writeString(temp.resolve("test-classes.txt"), "# unseen\n1-trouser\n8-bag\n");
        set(robot, "#testClassesFile", list.toString());
        waitUntil("the listed classes test", 60, () -> model.dataProblemProperty().get().isEmpty()
                && sides(shown()).get(1).equals(List.of("1-trouser", "8-bag")));
        assertEquals(List.of("1-trouser", "8-bag"), model.configProperty().get().split().testClasses());
        assertTrue(onFx(() -> training.canStartProperty().get()));

        choose(robot, "auto");
        waitUntil("the sample's own split again", 60, () -> shown().testClassesAreTrained()
                && shown().train().size() == 2000);
        assertTrue(model.configProperty().get().split().isAuto());
    }

    @Test
    void splitClassesOnAOneClassFolderSaysWhyAndKeepsStartWaiting(FxRobot robot) throws Exception {
        Path folder = temp.resolve("one-class");
        Files.createDirectories(folder.resolve("circle"));
        for (int i = 0; i < 10; i++) {
            BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSample(i % 8, i % 8, 0, 255);
            ImageIO.write(image, "png", folder.resolve("circle").resolve(i + ".png").toFile());
        }
        robot.interact(() -> controller.open(folder.toString()));
        waitUntil("the folder is loaded", 30, () -> shown() != null && shown().classNames().size() == 1);
        assertTrue(onFx(() -> training.canStartProperty().get()));

        choose(robot, "classes");
        waitUntil("the split is refused", 30, () -> problem(robot).contains("at least 2 classes"));
        String text = problem(robot);
        assertTrue(text.contains("one-class") && !text.contains("Exception"), text);
        assertFalse(onFx(() -> training.canStartProperty().get()), "Start waits for a split that fits");
        String line = onFx(() -> training.display().configSummaryProperty().get());
        assertTrue(line.startsWith("Start waits for the Data tab's split"), line);
    }
}
