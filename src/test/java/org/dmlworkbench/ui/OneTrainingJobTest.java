package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.runview.WorkbenchWindow;
import org.dmlworkbench.ui.study.StudyViewModel;
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
 * One training job at a time in the window: while a study trains, the Training panel's Start and
 * Resume wait and say why, and while the Training panel trains, the study's Run waits.
 */
@ExtendWith(ApplicationExtension.class)
class OneTrainingJobTest {

    /** Long enough (20 epochs of a tiny network) to be still training when it is looked at. */
    private static final String STUDY = """
            {"name": "lock-study", "title": "Lock study",
             "base": {"data": "sample", "epochs": 20, "batch": 100, "conv-widths": [4, 8],
                      "embedding-dim": 8, "device": "cpu"},
             "factors": [{"name": "seed", "values": [1, 2]}],
             "metrics": ["precision_at_1"]}
            """;

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
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private static boolean disabled(FxRobot robot, String id) throws Exception {
        Button button = fxValue(() -> robot.lookup(id).queryAs(Button.class));
        return onFx(button::isDisabled);
    }

    private static String text(FxRobot robot, String id) throws Exception {
        Label label = fxValue(() -> robot.lookup(id).queryAs(Label.class));
        return onFx(label::getText);
    }

    private void select(String panel) throws Exception {
        onFx(() -> {
            window.main().select(panel);
            return null;
        });
    }

    @Test
    void startWaitsWhileAStudyTrainsAndTheStudyWaitsWhileTrainingRuns(FxRobot robot) throws Exception {
        StudyController study = window.main().panel("study", StudyController.class);
        StudyViewModel studyModel = study.viewModel();
        TrainingController training = window.main().panel("training", TrainingController.class);
        Path file = runs.resolve("lock-study.json");
        Files.writeString(file, STUDY);
        select("study");
        onFx(() -> {
            study.open(file);
            return null;
        });
        waitUntil(120, () -> studyModel.studyProperty().get() != null);
        onFx(() -> {
            studyModel.run();
            return null;
        });
        waitUntil(60, () -> studyModel.runningProperty().get()
                && studyModel.runs().stream().anyMatch(r -> r.status().equals("running")));
        assertEquals("", text(robot, "#studyLockNote"), "the study does not wait for itself");

        select("training");
        assertTrue(disabled(robot, "#startButton"), "Start must wait while the study trains");
        String why = text(robot, "#configLabel");
        assertTrue(why.contains("lock-study") || why.contains("Lock study"), why);
        boolean refused = onFx(() -> {
            try {
                training.startTraining();
                return false;
            } catch (IllegalStateException e) {
                return true;
            }
        });
        assertTrue(refused, "a Start that gets through anyway is refused");
        assertFalse(onFx(() -> training.runningProperty().get()));

        select("study");
        robot.clickOn(fxFind(() -> robot.lookup("#stopStudyButton").query()));
        waitUntil(120, () -> !studyModel.runningProperty().get());
        select("training");
        waitUntil(60, () -> !fxValue(() -> robot.lookup("#startButton").queryAs(Button.class)).isDisabled());

        onFx(() -> {
            TrainingConfig tiny = TrainingConfig.defaults().toBuilder()
                    .model(ModelSpec.preset("hybrid1").withLayout(1, java.util.List.of(4, 8))
                            .withEmbeddingDim(8))
                    .batchSize(100).epochs(20).device("cpu").build();
            window.model().configProperty().set(tiny);
            return null;
        });
        robot.clickOn(fxFind(() -> robot.lookup("#startButton").query()));
        waitUntil(120, () -> TrainingViewModel.of(window.model()).stateProperty().get()
                == TrainingViewModel.State.RUNNING);
        String own = text(robot, "#configLabel");
        assertTrue(own.startsWith("Start trains"), "the panel does not wait for itself: " + own);
        select("study");
        assertTrue(disabled(robot, "#runStudyButton"), "the study's Run must wait while training runs");
        String studyWhy = text(robot, "#studyLockNote");
        assertTrue(studyWhy.contains("Training"), studyWhy);
        onFx(() -> {
            studyModel.run();
            return null;
        });
        assertFalse(onFx(() -> studyModel.runningProperty().get()), "a Run that gets through anyway is refused");

        select("training");
        robot.clickOn(fxFind(() -> robot.lookup("#stopButton").query()));
        waitUntil(120, () -> !training.runningProperty().get());
        select("study");
        waitUntil(60, () -> !fxValue(() -> robot.lookup("#runStudyButton").queryAs(Button.class)).isDisabled());
        assertEquals("", text(robot, "#studyLockNote"));
    }
}
