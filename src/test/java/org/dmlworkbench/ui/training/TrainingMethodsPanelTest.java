package org.dmlworkbench.ui.training;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.training.PanelFixture.fx;
import static org.dmlworkbench.ui.training.PanelFixture.fxRun;
import static org.dmlworkbench.ui.training.PanelFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.fxml.FXMLLoader;
import javafx.stage.Stage;
import org.dmlworkbench.cli.CliRunner;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.guided.NpyMatrix;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.TrainingController;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.architecture.ConfigField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Training panel's Start runs guided and asymmetric runs set up through the Architecture
 * panel's fields.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingMethodsPanelTest {

    @TempDir
    Path runs;

    private WorkbenchModel model;
    private TrainingController controller;

    @Start
    void start(Stage stage) throws IOException {
        model = new WorkbenchModel(runs, DatasetLocator.Options.defaults().withOffline(true));
        model.datasetProperty().set(PanelFixture.sample());
        FXMLLoader loader = PanelFixture.load("training", model);
        controller = loader.getController();
        PanelFixture.show(stage, loader.getRoot(), WorkbenchModel.Theme.LIGHT);
    }

    @AfterEach
    void closeWindow() throws Exception {
        fxRun(model::shutdown);
    }

    /** Tiny: a 2-d embedding, one master epoch of 4-triplet batches, one student epoch of batch 32. */
    static TrainingConfig tinyGuided(TrainingConfig base) {
        TrainingConfig config = ConfigField.EMBEDDING_SIZE.write(base, "2");
        config = ConfigField.EPOCHS.write(config, "1");
        config = ConfigField.BATCH_SIZE.write(config, "32");
        // Seed 5, as the CLI's guided test: once (seed 42) the GEMINI master's loss turned NaN at
        // step 31 and a rerun passed, a nondeterministic engine issue reported with this test.
        config = ConfigField.SEED.write(config, "5");
        config = ConfigField.METHOD.write(config, "guided");
        config = ConfigField.METHOD_PARAMS.write(config, "guided.master-epochs=1, guided.triplets=4");
        return config.toBuilder().device("cpu").build();
    }

    /** Presses Start, waits for the run to end and checks it completed in the runs folder. */
    private RunDirectory startAndFinish(FxRobot robot) throws Exception {
        robot.clickOn(fxFind(() -> robot.lookup("#startButton").query()));
        waitUntil(120, "training has started", () -> controller.runningProperty().get());
        waitUntil(300, "training has ended", () -> !controller.runningProperty().get());
        TrainingOutcome outcome = fx(() -> controller.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        RunDirectory run = fx(() -> model.activeRunProperty().get());
        assertTrue(run.root().startsWith(runs), run.root().toString());
        assertEquals(RunStatus.State.COMPLETED, run.readStatus().state());
        return run;
    }

    @Test
    void aGuidedRunTrainsItsMasterThenTheStudentAndKeepsTheMastersTargets(FxRobot robot) throws Exception {
        fxRun(() -> model.configProperty().set(tinyGuided(model.configProperty().get())));
        RunDirectory run = startAndFinish(robot);
        assertEquals("guided", run.readManifest().config().method());
        assertTrue(Files.isRegularFile(run.modelFile()));
        Path targets = run.root().resolve("master").resolve("targets.npy");
        assertTrue(Files.isRegularFile(targets), "RUN/master/targets.npy");
        // Z-hat: the master's 2-d embedding of each of the sample's 2,000 training images.
        NpyMatrix zHat = NpyMatrix.read(targets);
        assertEquals(2000, zHat.rows());
        assertEquals(2, zHat.columns());
    }

    @Test
    void aStudentOfATeacherRunTrainsFromTheWindow(FxRobot robot) throws Exception {
        Path teacher = runs.resolve("teacher");
        CliRunner.Result trained = CliRunner.run("train", "--data", "sample", "--epochs", "1",
                "--batch", "64", "--embedding-dim", "16", "--seed", "3", "--device", "cpu",
                "--out", teacher.toString());
        assertEquals(0, trained.exitCode(), trained.err());

        fxRun(() -> {
            TrainingConfig config = model.configProperty().get();
            config = ConfigField.EMBEDDING_SIZE.write(config, "16");
            config = ConfigField.EPOCHS.write(config, "1");
            config = ConfigField.BATCH_SIZE.write(config, "64");
            config = ConfigField.TEACHER_RUN.write(config, teacher.toString());
            config = ConfigField.METHOD.write(config, "asymmetric");
            config = ConfigField.METHOD_PARAMS.write(config, "asym.teacher-cache=true");
            model.configProperty().set(config.toBuilder().device("cpu").build());
        });
        RunDirectory run = startAndFinish(robot);
        TrainingConfig recorded = run.readManifest().config();
        assertEquals("asymmetric", recorded.method());
        assertEquals(teacher.toAbsolutePath().normalize().toString(), recorded.teacherRun());
        assertEquals(0, run.readManifest().model().classifierClasses(), "a student has no classifier");
        // the teacher's targets were computed once and left in its own cache
        assertTrue(Files.isRegularFile(teacher.resolve("cache").resolve("gallery-train.idx")));
    }
}
