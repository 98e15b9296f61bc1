package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxNode;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.architecture.ConfigField;
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
 * The window runs exactly what its Architecture form shows: Start waits while a field is
 * rejected (and says which), a run records the form's values, not values captured while typing,
 * and a method whose requirements are unmet cannot start.
 */
@ExtendWith(ApplicationExtension.class)
class FormGatesStartTest {

    /** Each form field's control, as architecture.fxml names it. */
    private static final Map<ConfigField, String> CONTROLS = new LinkedHashMap<>();

    static {
        CONTROLS.put(ConfigField.INVOLUTION_LAYERS, "#involutionLayersChoice");
        CONTROLS.put(ConfigField.CONV_WIDTHS, "#convWidthsField");
        CONTROLS.put(ConfigField.ACTIVATION, "#activationChoice");
        CONTROLS.put(ConfigField.STAGE_POOLING, "#poolingChoice");
        CONTROLS.put(ConfigField.EMBEDDING_SIZE, "#embeddingField");
        CONTROLS.put(ConfigField.NORMALIZE_EMBEDDING, "#normalizeCheck");
        CONTROLS.put(ConfigField.ATTENTION, "#attentionChoice");
        CONTROLS.put(ConfigField.KERNEL_SIZE, "#kernelField");
        CONTROLS.put(ConfigField.STRIDE, "#strideField");
        CONTROLS.put(ConfigField.GROUPS, "#groupsField");
        CONTROLS.put(ConfigField.REDUCTION_RATIO, "#reductionField");
        CONTROLS.put(ConfigField.LOSS, "#lossField");
        CONTROLS.put(ConfigField.METHOD, "#methodChoice");
        CONTROLS.put(ConfigField.TEACHER_RUN, "#teacherRunCombo");
        CONTROLS.put(ConfigField.METHOD_PARAMS, "#methodParamsField");
        CONTROLS.put(ConfigField.CHUNK_SIZE, "#chunkField");
        CONTROLS.put(ConfigField.SAMPLER, "#samplerChoice");
        CONTROLS.put(ConfigField.SAMPLES_PER_CLASS, "#samplesPerClassField");
        CONTROLS.put(ConfigField.OPTIMIZER, "#optimizerChoice");
        CONTROLS.put(ConfigField.LEARNING_RATE, "#learningRateField");
        CONTROLS.put(ConfigField.WEIGHT_DECAY, "#weightDecayField");
        CONTROLS.put(ConfigField.MOMENTUM, "#momentumField");
        CONTROLS.put(ConfigField.GRADIENT_CLIP, "#clipField");
        CONTROLS.put(ConfigField.LR_SCHEDULE, "#scheduleChoice");
        CONTROLS.put(ConfigField.WARMUP_FRACTION, "#warmupField");
        CONTROLS.put(ConfigField.EPOCHS, "#epochsField");
        CONTROLS.put(ConfigField.BATCH_SIZE, "#batchField");
        CONTROLS.put(ConfigField.SEED, "#seedField");
    }

    @TempDir
    static Path runs;

    private WorkbenchWindow window;

    @BeforeAll
    static void screen() {
        WorkbenchWindow.useLargeHeadlessScreen();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = WorkbenchWindow.start(stage, runs);
        onFx(() -> {
            // No form field for the device: the CPU keeps the test the same on any machine.
            window.model().configProperty().set(window.model().configProperty().get().toBuilder()
                    .device("cpu").build());
            window.main().select("architecture");
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    /** Replaces a field's text one character at a time, as keystrokes change it. */
    private static void type(FxRobot robot, String id, String text) throws Exception {
        TextField field = fxValue(() -> robot.lookup(id).queryAs(TextField.class));
        onFx(() -> {
            field.setText("");
            for (char c : text.toCharArray()) {
                field.appendText(String.valueOf(c));
            }
            return null;
        });
    }

    private static String text(FxRobot robot, String id) throws Exception {
        Node node = fxNode(() -> robot.lookup(id).query());
        return onFx(() -> node instanceof Label label ? label.getText()
                : ((TextField) node).getText());
    }

    private static boolean startDisabled(FxRobot robot) throws Exception {
        Button start = fxValue(() -> robot.lookup("#startButton").queryAs(Button.class));
        return onFx(start::isDisabled);
    }

    /** What each form control shows, read from the control itself. */
    @SuppressWarnings("unchecked")
    private static Map<ConfigField, String> shown(FxRobot robot) throws Exception {
        Map<ConfigField, String> shown = new LinkedHashMap<>();
        for (Map.Entry<ConfigField, String> entry : CONTROLS.entrySet()) {
            Node node = fxNode(() -> robot.lookup(entry.getValue()).query());
            shown.put(entry.getKey(), onFx(() -> {
                if (node instanceof TextField field) {
                    return field.getText();
                } else if (node instanceof CheckBox check) {
                    return Boolean.toString(check.isSelected());
                } else if (node instanceof ChoiceBox<?> choice) {
                    return String.valueOf(choice.getValue());
                }
                Object value = ((ComboBox<String>) node).getValue();
                return value == null ? "" : value.toString();
            }));
        }
        return shown;
    }

    private static long runFolders() throws Exception {
        try (Stream<Path> children = Files.list(runs)) {
            return children.filter(Files::isDirectory).count();
        }
    }

    @Test
    void startWaitsWhileAFieldIsInvalidAndTheRunRecordsExactlyWhatTheFormShows(FxRobot robot)
            throws Exception {
        TrainingController training = window.main().panel("training", TrainingController.class);
        type(robot, "#embeddingField", "16");
        type(robot, "#epochsField", "1");
        type(robot, "#learningRateField", "abc");
        type(robot, "#batchField", "0");
        // Typing "ms+foo" passes through "ms", a valid loss on its own.
        type(robot, "#lossField", "ms+foo");
        assertFalse(text(robot, "#lossFieldProblem").isEmpty(), "the loss field shows its problem");

        onFx(() -> {
            window.main().select("training");
            return null;
        });
        assertTrue(startDisabled(robot), "Start must wait while the form holds rejected values");
        String why = text(robot, "#configLabel");
        for (String field : new String[] {"Learning rate", "Batch size", "Loss"}) {
            assertTrue(why.contains(field), "the Training panel names " + field + ": " + why);
        }
        // Start pressed anyway (a keyboard shortcut, automation) refuses instead of training fragments.
        onFx(() -> {
            try {
                training.startTraining();
            } catch (IllegalStateException refused) {
                assertTrue(refused.getMessage().contains("Learning rate"), refused.getMessage());
            }
            return null;
        });
        assertFalse(onFx(() -> training.runningProperty().get()), "a run started from an invalid form");
        assertEquals(0, runFolders(), "no run folder for an invalid form");

        onFx(() -> {
            window.main().select("architecture");
            return null;
        });
        type(robot, "#learningRateField", "0.002");
        type(robot, "#batchField", "64");
        type(robot, "#lossField", "ms:0.5,ce:1");
        onFx(() -> {
            window.main().select("training");
            return null;
        });
        assertFalse(startDisabled(robot), "the form is valid again: " + text(robot, "#configLabel"));
        Map<ConfigField, String> form = shown(robot);
        robot.clickOn(fxFind(() -> robot.lookup("#startButton").query()));
        waitUntil(120, () -> training.runningProperty().get());
        waitUntil(120, () -> !training.runningProperty().get());
        TrainingOutcome outcome = onFx(() -> training.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());

        RunDirectory run = onFx(() -> window.model().activeRunProperty().get());
        TrainingConfig recorded = run.readManifest().config();
        for (Map.Entry<ConfigField, String> field : form.entrySet()) {
            // The form's text applied to the recorded config changes nothing: they say the same.
            assertEquals(recorded, field.getKey().write(recorded, field.getValue()),
                    field.getKey() + " shows '" + field.getValue() + "' but the run recorded '"
                            + field.getKey().read(recorded) + "'");
        }
        assertEquals("ms:0.5,ce:1", recorded.loss());
        assertEquals(0.002, recorded.optimizer().learningRate());
        assertEquals(64, recorded.batchSize());
    }

    @Test
    void aMethodWhoseTeacherIsMissingCannotStartAndTheSummaryNamesTheMethod(FxRobot robot)
            throws Exception {
        ChoiceBox<?> method = fxValue(() -> robot.lookup("#methodChoice").queryAs(ChoiceBox.class));
        onFx(() -> {
            window.main().select("training");
            return null;
        });
        assertFalse(startDisabled(robot));
        assertTrue(text(robot, "#configLabel").contains("metric learning"), text(robot, "#configLabel"));

        onFx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<String> choice = (ChoiceBox<String>) method;
            choice.setValue("asymmetric");
            return null;
        });
        assertEquals("choose the teacher run below first", text(robot, "#methodChoiceProblem"));
        assertTrue(startDisabled(robot), "an asymmetric run without a teacher must not start");
        String why = text(robot, "#configLabel");
        assertTrue(why.contains("Method") && why.contains("teacher"), why);

        onFx(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<String> choice = (ChoiceBox<String>) method;
            choice.setValue("guided");
            return null;
        });
        assertFalse(startDisabled(robot));
        assertEquals("guided", onFx(() -> window.model().configProperty().get().method()));
        assertTrue(text(robot, "#configLabel").contains("Guided DML"), text(robot, "#configLabel"));
    }
}
