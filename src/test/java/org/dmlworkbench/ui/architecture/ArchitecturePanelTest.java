package org.dmlworkbench.ui.architecture;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxNode;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.data.PanelScenes.onFx;
import static org.dmlworkbench.ui.data.PanelScenes.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.ArchitectureController;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.data.PanelScenes;
import org.dmlworkbench.ui.PopupChoices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Architecture panel on the bundled sample (1x28x28, 10 classes) with the default config
 * (Hybrid-1, ms+ce: a cross-entropy term, so a 10-class classifier head).
 */
@ExtendWith(ApplicationExtension.class)
class ArchitecturePanelTest {

    /**
     * Hybrid-1 counted by hand in ModelFamilyTest and docs/MODELS.md: involution 22, convs 97,152,
     * batch norms 480, embedding 128->128 16,512, classifier 128->10 1,290.
     */
    private static final String HYBRID1 = "115,456";
    /** With a 64-d embedding: embedding 128*64+64 = 8,256 and classifier 64*10+10 = 650 replace 16,512 and 1,290. */
    private static final String HYBRID1_EMBEDDING_64 = "106,560";
    /**
     * CIFAR ResNet-18 is 11,168,832 on 3 input channels (ModelFamilyTest); on 1 channel the 3x3 stem
     * has 2*9*64 = 1,152 weights fewer; plus embedding 512*128+128 = 65,664 and classifier 1,290.
     */
    private static final String RESNET18 = "11,234,634";

    @TempDir
    static Path temp;
    private static Dataset sample;

    private WorkbenchModel model;

    @Start
    void start(Stage stage) throws Exception {
        if (sample == null) {
            sample = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true)).load("sample");
        }
        model = new WorkbenchModel(temp.resolve("runs"), DatasetLocator.Options.defaults().withOffline(true));
        model.datasetProperty().set(sample);
        PanelScenes.show(stage, "architecture", new ArchitectureController(model), WorkbenchModel.Theme.DARK);
    }

    @AfterEach
    void shutDown() {
        model.shutdown();
    }

    private String text(FxRobot robot, String id) throws Exception {
        return onFx(() -> fxValue(() -> robot.lookup(id).queryLabeled()).getText());
    }

    private void waitForCount(FxRobot robot, String expected) {
        Label count = fxValue(() -> robot.lookup("#parameterCount").queryAs(Label.class));
        waitUntil("the parameter count reads " + expected, 40, () -> count.getText().equals(expected));
    }

    private void retype(FxRobot robot, String id, String text) {
        PanelScenes.reveal(robot, id);
        robot.clickOn(id).push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE).write(text);
    }

    @Test
    void hybrid1OnTheSampleHasTheHandCountedSizeAndTheUnderOneMegabyteBadge(FxRobot robot) throws Exception {
        waitForCount(robot, HYBRID1);
        Label badge = fxValue(() -> robot.lookup("#sizeBadge").queryAs(Label.class));
        assertEquals("under 1 MB", text(robot, "#sizeBadge"));
        assertTrue(onFx(() -> badge.getStyleClass().contains("badge-good")));
        assertEquals("0.47 MB", text(robot, "#modelSize"));
        assertTrue(onFx(() -> fxValue(() -> robot.lookup("#presetHybrid1").queryAs(ToggleButton.class)).isSelected()));
        TableView<LayerRow> layers = fxValue(() -> robot.lookup("#layerTable").queryTableView());
        // 17 backbone layers (involution, then conv, norm, activation [, pool] per stage, global pool) and 2 heads
        assertEquals(19, onFx(() -> layers.getItems().size()));
        assertEquals(115_456L, onFx(() -> layers.getItems().stream().mapToLong(LayerRow::parameters).sum()));
        assertEquals("classifier", onFx(() -> layers.getItems().get(18).layer()));
        assertEquals("10", onFx(() -> layers.getItems().get(18).outputShape()));
    }

    @Test
    void resnet18PresetShowsItsCountAndAMegabyteBadge(FxRobot robot) throws Exception {
        waitForCount(robot, HYBRID1);
        robot.clickOn(fxFind(() -> robot.lookup("#presetResnet18").query()));
        waitForCount(robot, RESNET18);
        assertEquals("resnet18", model.configProperty().get().model().family());
        String badge = text(robot, "#sizeBadge");
        assertTrue(badge.endsWith(" MB") && !badge.contains("under"), badge);
        assertTrue(onFx(() -> fxValue(() -> robot.lookup("#sizeBadge").queryAs(Label.class)).getStyleClass().contains("badge-warn")));
        assertTrue(onFx(() -> fxNode(() -> robot.lookup("#kernelField").query()).isDisabled()), "compact settings do not apply");
        assertTrue(onFx(() -> fxValue(() -> robot.lookup("#presetResnet18").queryAs(ToggleButton.class)).isSelected()));
        assertFalse(onFx(() -> fxValue(() -> robot.lookup("#presetHybrid1").queryAs(ToggleButton.class)).isSelected()));
        robot.clickOn(fxFind(() -> robot.lookup("#presetHybrid1").query()));
        waitForCount(robot, HYBRID1);
    }

    @Test
    void editingTheEmbeddingSizeRecountsOnceTheEditsPause(FxRobot robot) throws Exception {
        waitForCount(robot, HYBRID1);
        retype(robot, "#embeddingField", "64");
        waitForCount(robot, HYBRID1_EMBEDDING_64);
        assertEquals(64, model.configProperty().get().model().embeddingDim());
    }

    @Test
    void anInvalidBatchSizeIsExplainedBesideTheFieldAndLeavesTheConfigAlone(FxRobot robot) throws Exception {
        TrainingConfig before = model.configProperty().get();
        retype(robot, "#batchField", "1");
        Label problem = fxValue(() -> robot.lookup("#batchFieldProblem").queryAs(Label.class));
        waitUntil("the batch problem shows", 5, problem::isVisible);
        assertEquals("batch size must be >= 2, got 1", text(robot, "#batchFieldProblem"));
        assertEquals(before, model.configProperty().get());

        retype(robot, "#batchField", "abc");
        assertEquals("'abc' is not a whole number", text(robot, "#batchFieldProblem"));
        assertEquals(before, model.configProperty().get());

        retype(robot, "#batchField", "64");
        assertFalse(onFx(problem::isVisible));
        assertEquals(before.toBuilder().batchSize(64).build(), model.configProperty().get());
    }

    @Test
    void aChoiceRejectedForAnotherFieldsValueIsTakenOnceThatValueIsFixed(FxRobot robot) throws Exception {
        assertEquals(4, model.configProperty().get().samplesPerClass());
        retype(robot, "#batchField", "90");
        PopupChoices.pick(robot, "#samplerChoice", "M per class");
        assertEquals("m-per-class needs M >= 2 dividing the batch size (90), got M = 4",
                text(robot, "#samplerChoiceProblem"));
        assertEquals("auto", model.configProperty().get().sampler());

        retype(robot, "#batchField", "128");
        // 128 = 32 * 4: the sampler choice still on screen now holds, and its message goes
        assertEquals("m-per-class", model.configProperty().get().sampler());
        assertEquals(128, model.configProperty().get().batchSize());
        assertEquals("", text(robot, "#samplerChoiceProblem"));
        assertFalse(onFx(() -> fxNode(() -> robot.lookup("#samplesPerClassField").query()).isDisabled()));
    }

    @Test
    void whileAFieldIsInvalidTheCardsSaySoInsteadOfDescribingAFragmentOfIt(FxRobot robot) throws Exception {
        waitForCount(robot, HYBRID1);
        // On its way to "ms+foo" the field holds "ms", a loss without a classifier head.
        retype(robot, "#lossField", "ms+foo");
        assertFalse(text(robot, "#lossFieldProblem").isEmpty());
        Label status = fxValue(() -> robot.lookup("#reportStatus").queryAs(Label.class));
        waitUntil("the cards say the form is invalid", 20,
                () -> status.getText().contains("Loss") && status.getText().contains("invalid"));
        // Wait out a recount of the fragment: the cards must not come back with its figures.
        Thread.sleep((long) ArchitectureViewModel.DEBOUNCE.toMillis() * 3);
        waitUntil("no count is under way", 40, () -> !fxNode(() -> robot.lookup("#computingIndicator").query()).isVisible());
        assertEquals("-", text(robot, "#parameterCount"));
        assertEquals("-", text(robot, "#classifierHead"));
        assertTrue(text(robot, "#reportStatus").contains("Loss"), text(robot, "#reportStatus"));

        retype(robot, "#lossField", "ms+ce");
        waitForCount(robot, HYBRID1);
        assertEquals("10 classes", text(robot, "#classifierHead"));
        assertEquals("", text(robot, "#reportStatus"));
    }

    @Test
    void theInnPresetShowsThatEveryLayerIsAnInvolution(FxRobot robot) throws Exception {
        waitForCount(robot, HYBRID1);
        robot.clickOn(fxFind(() -> robot.lookup("#presetInn").query()));
        TableView<LayerRow> layers = fxValue(() -> robot.lookup("#layerTable").queryTableView());
        waitUntil("the INN layer table lists its involutions", 40, () -> layers.getItems().stream()
                .filter(row -> row.type().startsWith("Involution")).count() >= 4);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> choice = fxValue(() -> robot.lookup("#involutionLayersChoice").queryAs(ChoiceBox.class));
        String shown = onFx(() -> choice.getConverter().toString(choice.getValue()));
        assertFalse(shown.equals("0"), "INN has involution layers, not 0");
        assertEquals("all (INN)", shown);
        // Back to a compact preset, the choice counts again.
        robot.clickOn(fxFind(() -> robot.lookup("#presetHybrid2").query()));
        waitUntil("Hybrid-2 shows 2 involution layers", 10, () -> "2".equals(choice.getValue()));
    }

    @Test
    void theLossFieldTakesAnExpressionWithHyperParameters(FxRobot robot) throws Exception {
        retype(robot, "#lossField", "ms:0.5,ce:1; ms.alpha=2");
        TrainingConfig config = model.configProperty().get();
        assertEquals("ms:0.5,ce:1", config.loss());
        assertEquals(java.util.Map.of("ms.alpha", "2"), config.lossParams());
        assertEquals("", text(robot, "#lossFieldProblem"));
    }

    private void choose(FxRobot robot, String choiceId, String shown) {
        PopupChoices.pick(robot, choiceId, shown);
    }

    private boolean disabled(FxRobot robot, String id) throws Exception {
        return onFx(() -> fxNode(() -> robot.lookup(id).query()).isDisabled());
    }

    @Test
    void choosingAMethodOpensOnlyTheControlsThatApplyAndKeepsTheConfigValid(FxRobot robot) throws Exception {
        assertTrue(disabled(robot, "#teacherRunCombo"), "no teacher for metric learning");
        assertFalse(disabled(robot, "#chunkField"));

        choose(robot, "#methodChoice", "Guided DML (GEMINI master + student)");
        TrainingConfig guided = model.configProperty().get();
        assertEquals("guided", guided.method());
        assertEquals("guided", guided.loss());
        assertEquals("guided", onFx(() -> fxValue(() -> robot.lookup("#lossField").queryAs(javafx.scene.control.TextField.class)).getText()));
        assertTrue(disabled(robot, "#teacherRunCombo"));
        assertTrue(disabled(robot, "#chunkField"), "two-pass chunks are metric-only");
        assertTrue(disabled(robot, "#lossField"), "guided has its own losses");
        assertTrue(text(robot, "#methodHint").startsWith("Trains a GEMINI master"), text(robot, "#methodHint"));
        retype(robot, "#methodParamsField", "guided.master-epochs=2, guided.beta=1.5");
        assertEquals("guided.beta must be in [0, 1], got 1.5", text(robot, "#methodParamsFieldProblem"));
        retype(robot, "#methodParamsField", "guided.master-epochs=2, guided.beta=0.01");
        assertEquals(java.util.Map.of("guided.master-epochs", "2", "guided.beta", "0.01"),
                model.configProperty().get().methodParams());

        // Asymmetric needs a teacher first: the choice waits, beside its message, and opens the teacher control.
        choose(robot, "#methodChoice", "Asymmetric (student of a teacher run)");
        assertEquals("choose the teacher run below first", text(robot, "#methodChoiceProblem"));
        assertEquals("guided", model.configProperty().get().method());
        assertFalse(disabled(robot, "#teacherRunCombo"));
        Path teacher = ConfigFieldTest.fakeRun(model.runsRoot(), "20240101-000000-hybrid1",
                org.dmlworkbench.run.RunStatus.State.COMPLETED);
        ConfigFieldTest.fakeRun(model.runsRoot(), "20240102-000000-cnn", org.dmlworkbench.run.RunStatus.State.STOPPED);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> combo = fxValue(() -> robot.lookup("#teacherRunCombo").queryAs(javafx.scene.control.ComboBox.class));
        PopupChoices.pick(robot, "#teacherRunCombo", "20240101-000000-hybrid1");
        assertEquals(java.util.List.of(teacher.toString()), onFx(() -> java.util.List.copyOf(combo.getItems())),
                "only the finished run is offered");
        TrainingConfig asymmetric = model.configProperty().get();
        assertEquals("asymmetric", asymmetric.method(), "the waiting choice is taken once the teacher is set");
        assertEquals("asym-contr+", asymmetric.loss());
        assertEquals(teacher.toString(), asymmetric.teacherRun());
        assertEquals("", text(robot, "#methodChoiceProblem"));
        assertFalse(disabled(robot, "#lossField"));

        choose(robot, "#methodChoice", "Metric learning");
        assertEquals("metric", model.configProperty().get().method());
        assertEquals("ms+ce", model.configProperty().get().loss());
        assertTrue(disabled(robot, "#teacherRunCombo"));
        assertFalse(disabled(robot, "#chunkField"));
    }

    @Test
    void attentionAndTheScheduleAreChosenFromTheirLists(FxRobot robot) throws Exception {
        waitForCount(robot, HYBRID1);
        choose(robot, "#attentionChoice", "GLAM (all four parts)");
        assertEquals("glam", model.configProperty().get().model().attention());
        choose(robot, "#scheduleChoice", "constant");
        assertEquals("constant", model.configProperty().get().optimizer().schedule());
        retype(robot, "#warmupField", "1");
        assertEquals("warm-up fraction must be in [0, 1), got 1.0", text(robot, "#warmupFieldProblem"));
        retype(robot, "#warmupField", "0.1");
        assertEquals(0.1, model.configProperty().get().optimizer().warmupFraction());
        // GLAM adds parameters: the count leaves Hybrid-1's.
        Label count = fxValue(() -> robot.lookup("#parameterCount").queryAs(Label.class));
        waitUntil("the count changes with attention", 40, () -> !count.getText().equals(HYBRID1)
                && !count.getText().equals("-"));
    }
}
