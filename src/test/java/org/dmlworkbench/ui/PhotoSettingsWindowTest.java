package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.dmlworkbench.data.Augmentation;
import org.dmlworkbench.model.BackboneSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.query.QueryOutcome;
import org.dmlworkbench.ui.runview.LoadedRun;
import org.dmlworkbench.ui.runview.WorkbenchWindow;
import org.dmlworkbench.ui.training.TrainingViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 16's window: the Architecture panel's image size, augmentation, init-from and backbone
 * fields gate Start when invalid, size the model live, land in the config of a run started from
 * the window; and a run on the shipped TorchScript backbone queries from the Query panel.
 */
@ExtendWith(ApplicationExtension.class)
class PhotoSettingsWindowTest {

    /** A test image of class 7 (sneaker) of the bundled sample. */
    private static final File SNEAKER = new File("sample-data/fashion-mnist/test/7-sneaker/00009.png");
    /** The shipped TorchScript backbone: 16 features, 1,272 parameters (tiny_backbone.py). */
    private static final Path TINY_BACKBONE = Path.of("src/test/resources/backbones/tiny_backbone.pt").toAbsolutePath();

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

    private <T extends javafx.scene.Node> T node(FxRobot robot, String id, Class<T> type) {
        return fxValue(() -> robot.lookup(id).queryAs(type));
    }

    private void type(FxRobot robot, String id, String text) {
        robot.interact(() -> node(robot, id, TextField.class).setText(text));
    }

    private String label(FxRobot robot, String id) throws Exception {
        Label label = node(robot, id, Label.class);
        return onFx(label::getText);
    }

    /** A label's text; call on the JavaFX thread (inside waitUntil). */
    private String now(FxRobot robot, String id) {
        return node(robot, id, Label.class).getText();
    }

    private TrainingConfig config() {
        return window.model().configProperty().get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void photoSettingsGateStartSizeTheModelAndLandInTheRunsConfigWhichQueries(FxRobot robot) throws Exception {
        WorkbenchModel model = window.model();
        TrainingViewModel training = TrainingViewModel.of(model);
        onFx(() -> {
            window.main().select("architecture");
            return null;
        });
        waitUntil(120, () -> node(robot, "#inputShape", Label.class).getText().equals("1 × 28 × 28"));
        String addsAt28 = label(robot, "#multiplyAdds");

        // Image size: the cards follow at once, and the data is read again at 32 px.
        type(robot, "#imageSizeField", "32");
        waitUntil(120, () -> node(robot, "#inputShape", Label.class).getText().equals("1 × 32 × 32")
                && !node(robot, "#multiplyAdds", Label.class).getText().equals("-"));
        assertFalse(label(robot, "#multiplyAdds").equals(addsAt28), "more pixels, more multiply-adds");
        waitUntil(120, () -> model.datasetProperty().get().train().height() == 32);
        assertEquals(32, config().imageSize());

        type(robot, "#imageSizeField", "1");
        waitUntil(120, () -> !now(robot, "#imageSizeFieldProblem").isEmpty());
        assertTrue(label(robot, "#imageSizeFieldProblem").contains("--image-size"), label(robot, "#imageSizeFieldProblem"));
        assertFalse(onFx(() -> training.canStartProperty().get()), "an invalid image size gates Start");
        type(robot, "#imageSizeField", "32");
        waitUntil(120, () -> training.canStartProperty().get());

        // Augmentation, as --augment standard --crop-scale 0.5,1 --no-flip --color-jitter 0.2
        ChoiceBox<String> augment = node(robot, "#augmentChoice", ChoiceBox.class);
        assertTrue(onFx(() -> node(robot, "#cropScaleField", TextField.class).isDisabled()), "none: no crops");
        robot.interact(() -> augment.setValue("standard"));
        type(robot, "#cropScaleField", "0.5, 1");
        robot.interact(() -> node(robot, "#flipCheck", CheckBox.class).setSelected(false));
        type(robot, "#colorJitterField", "1.5");
        waitUntil(120, () -> now(robot, "#colorJitterFieldProblem").contains("--color-jitter"));
        assertFalse(onFx(() -> training.canStartProperty().get()), "an invalid jitter gates Start");
        type(robot, "#colorJitterField", "0.2");
        waitUntil(120, () -> training.canStartProperty().get());
        assertEquals(new Augmentation("standard", 0.5, 1, Augmentation.DEFAULT_MIN_RATIO,
                Augmentation.DEFAULT_MAX_RATIO, false, 0.2), config().augment());

        // Init from a folder that is no run: refused by name.
        ComboBox<String> initFrom = node(robot, "#initFromCombo", ComboBox.class);
        robot.interact(() -> initFrom.setValue(runs.resolve("no-such-run").toString()));
        waitUntil(120, () -> now(robot, "#initFromComboProblem").contains("no-such-run"));
        assertFalse(onFx(() -> training.canStartProperty().get()));
        robot.interact(() -> initFrom.setValue(""));
        waitUntil(120, () -> training.canStartProperty().get());

        // The shipped TorchScript backbone: 1,272 parameters + embedding 16->128 (2,176) + classifier 128->10 (1,290)
        type(robot, "#backboneField", runs.resolve("missing.pt").toString());
        waitUntil(120, () -> now(robot, "#backboneFieldProblem").contains("does not exist"));
        type(robot, "#backboneField", TINY_BACKBONE.toString());
        waitUntil(120, () -> node(robot, "#parameterCount", Label.class).getText().equals("4,738"));
        assertTrue(config().model().isTorchScript());
        robot.interact(() -> node(robot, "#freezeCheck", CheckBox.class).setSelected(true));
        waitUntil(120, () -> node(robot, "#parameterCount", Label.class).getText().equals("3,466"));
        assertEquals("1 × 32 × 32", label(robot, "#inputShape"));

        type(robot, "#epochsField", "1");
        type(robot, "#batchField", "64");
        type(robot, "#embeddingField", "32");
        waitUntil(120, () -> training.canStartProperty().get() && config().model().embeddingDim() == 32);

        TrainingController panel = window.main().panel("training", TrainingController.class);
        RunDirectory run = onFx(() -> {
            window.main().select("training");
            return panel.startTraining();
        });
        waitUntil(60, () -> panel.runningProperty().get() || panel.outcomeProperty().get() != null);
        waitUntil(600, () -> !panel.runningProperty().get() && panel.outcomeProperty().get() != null);
        TrainingOutcome outcome = onFx(() -> panel.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());

        TrainingConfig recorded = run.readManifest().config();
        assertEquals(32, recorded.imageSize());
        assertEquals(config().augment(), recorded.augment());
        assertEquals(BackboneSpec.torchScript(TINY_BACKBONE.toString(), true, 0, "data"), recorded.backbone());
        assertTrue(recorded.model().isTorchScript());
        assertEquals(32, recorded.model().embeddingDim());
        assertEquals(1, recorded.epochs());

        // The TorchScript run queries from the window, its image brought to 32 px like its data.
        LoadedRun loaded = window.show(new RunDirectory(run.root()), "query");
        assertEquals(32, loaded.dataset().train().height());
        QueryController query = window.main().panel("query", QueryController.class);
        onFx(() -> {
            query.queryFiles(List.of(SNEAKER));
            return null;
        });
        query.viewModel().lastQuery().get(5, TimeUnit.MINUTES);
        List<QueryOutcome> results = onFx(() -> List.copyOf(query.viewModel().results()));
        assertEquals(1, results.size(), onFx(() -> query.viewModel().errorProperty().get()));
        QueryOutcome sneaker = results.get(0);
        assertEquals("7-sneaker", sneaker.className());
        assertEquals(10, sneaker.hits().size());
        assertEquals(32, (int) sneaker.modelInput().getWidth(), "the model input is 32 px");
        assertTrue(sneaker.conversion().contains("32x32"), sneaker.conversion());
    }
}
