package org.dmlworkbench.ui.training;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxNode;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.training.PanelFixture.fx;
import static org.dmlworkbench.ui.training.PanelFixture.fxRun;
import static org.dmlworkbench.ui.training.PanelFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.fxml.FXMLLoader;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.MetricsLog;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.config.OptimizerSpec;
import org.dmlworkbench.ui.TrainingController;
import org.dmlworkbench.ui.WorkbenchModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tech.tablesaw.api.Table;

@ExtendWith(ApplicationExtension.class)
class TrainingPanelTest {

    /** Frame gaps this long would mean the UI thread is blocked, not merely busy on 2 shared cores. */
    private static final double FRAME_GAP_BOUND_MS = 1000;

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

    /** hybrid1 with a 32-d embedding, batch 64 (31 steps per sample epoch), on the CPU. */
    static TrainingConfig tinyConfig(int epochs) {
        return TrainingConfig.defaults().toBuilder()
                .model(ModelSpec.preset("hybrid1").withEmbeddingDim(32))
                .batchSize(64)
                .epochs(epochs)
                .seed(11)
                .device("cpu")
                .build();
    }

    @Test
    void oneEpochFillsBothChartsAndEndsCompleted(FxRobot robot) throws Exception {
        fxRun(() -> model.configProperty().set(tinyConfig(1)));
        FrameGapMeter meter = new FrameGapMeter();
        fxRun(meter::start);
        robot.clickOn(fxFind(() -> robot.lookup("#startButton").query()));
        waitUntil(120, "training has started", () -> controller.runningProperty().get());
        waitUntil(150, "training has ended", () -> !controller.runningProperty().get());
        fxRun(meter::stop);
        System.out.printf("TrainingPanelTest: max frame gap during 1 epoch of training %.1f ms;"
                + " %d of %d frames over 100 ms%n", meter.maxGapMillis(), meter.slowFrames(), meter.frames());

        TrainingOutcome outcome = fx(() -> controller.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        RunDirectory run = fx(() -> model.activeRunProperty().get());
        assertTrue(run.root().startsWith(runs) && run.name().matches("\\d{8}-\\d{6}-hybrid1"), run.name());
        assertTrue(Files.isRegularFile(run.modelFile()));
        assertEquals(RunStatus.State.COMPLETED, run.readStatus().state());

        // One point per step (31 steps: fewer than the point budget), x in epochs up to 1.
        LineChart<Number, Number> lossChart = fxNode(() -> robot.lookup("#lossChart").query());
        XYChart.Series<Number, Number> raw = fx(() -> lossChart.getData().get(0));
        XYChart.Series<Number, Number> smoothed = fx(() -> lossChart.getData().get(1));
        int stepsPerEpoch = 2000 / 64;
        assertEquals(stepsPerEpoch, fx(() -> raw.getData().size()));
        assertEquals(stepsPerEpoch, fx(() -> smoothed.getData().size()));
        assertEquals(1.0, fx(() -> raw.getData().get(stepsPerEpoch - 1).getXValue().doubleValue()), 1e-9);

        // The metrics chart holds epoch 1's values as metrics.csv recorded them.
        Table log = MetricsLog.read(run.metricsFile());
        LineChart<Number, Number> metricsChart = fxNode(() -> robot.lookup("#metricsChart").query());
        for (Metric metric : Metric.values()) {
            XYChart.Series<Number, Number> series = fx(() -> metricsChart.getData().get(metric.ordinal()));
            assertEquals(metric.label(), series.getName());
            assertEquals(1, fx(() -> series.getData().size()), metric.label());
            assertEquals(log.doubleColumn(metric.column()).getDouble(0),
                    fx(() -> series.getData().get(0).getYValue().doubleValue()), 1e-9, metric.label());
        }
        String outcomeText = fx(() -> fxValue(() -> robot.lookup("#outcomeLabel").queryAs(Label.class)).getText());
        assertTrue(outcomeText.startsWith("Completed 1 epoch · P@1 "), outcomeText);
        assertEquals(1.0, fx(() -> fxValue(() -> robot.lookup("#trainingProgress").queryAs(ProgressBar.class)).getProgress()));
        assertTrue(fx(() -> fxValue(() -> robot.lookup("#deviceLabel").queryAs(Label.class)).getText()).contains("CPU"));
        assertFalse(fx(() -> fxValue(() -> robot.lookup("#startButton").queryAs(Button.class)).isDisabled()));
        assertTrue(fx(() -> fxValue(() -> robot.lookup("#stopButton").queryAs(Button.class)).isDisabled()));
        assertTrue(fx(() -> fxValue(() -> robot.lookup("#resumeButton").queryAs(Button.class)).isDisabled()));
        assertTrue(meter.maxGapMillis() < FRAME_GAP_BOUND_MS, meter.maxGapMillis() + " ms without a frame");
    }

    @Test
    void pauseHoldsTheStepsAndStopKeepsACheckpointAndTheModel(FxRobot robot) throws Exception {
        RunDirectory run = fx(() -> controller.startTraining(tinyConfig(1)));
        TrainingCurves curves = controller.viewModel().curves();
        waitUntil(60, "a few steps are charted", () -> curves.rawLoss().size() >= 3);

        robot.clickOn(fxFind(() -> robot.lookup("#pauseButton").query()));
        assertEquals(TrainingViewModel.State.PAUSED, fx(() -> controller.viewModel().stateProperty().get()));
        Thread.sleep(1500); // the step in flight ends and is drained
        int held = fx(() -> curves.rawLoss().size());
        Thread.sleep(1500);
        assertEquals(held, fx(() -> curves.rawLoss().size()), "steps went on while paused");
        assertTrue(fx(() -> fxValue(() -> robot.lookup("#progressLabel").queryAs(Label.class)).getText()).endsWith("paused"));

        robot.clickOn(fxFind(() -> robot.lookup("#resumeButton").query()));
        waitUntil(60, "steps go on after Resume", () -> curves.rawLoss().size() > held);
        robot.clickOn(fxFind(() -> robot.lookup("#stopButton").query()));
        waitUntil(60, "training has stopped", () -> !controller.runningProperty().get());

        TrainingOutcome outcome = fx(() -> controller.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.STOPPED, outcome.status(), outcome.message());
        assertTrue(run.hasCheckpoint(), "no checkpoint after Stop");
        assertTrue(Files.isRegularFile(run.modelFile()), "no model.params after Stop");
        assertEquals(RunStatus.State.STOPPED, run.readStatus().state());
        String text = fx(() -> fxValue(() -> robot.lookup("#outcomeLabel").queryAs(Label.class)).getText());
        assertTrue(text.startsWith("Stopped during epoch 1") && text.endsWith("resumable"), text);
        // The stopped run on show can be continued.
        assertFalse(fx(() -> fxValue(() -> robot.lookup("#resumeButton").queryAs(Button.class)).isDisabled()));
        assertEquals(run.root(), fx(() -> controller.viewModel().resumableRunProperty().get().root()));
    }

    @Test
    void closingTheWindowWhileTrainingStopsWithACheckpoint() throws Exception {
        RunDirectory run = fx(() -> controller.startTraining(tinyConfig(1)));
        TrainingCurves curves = controller.viewModel().curves();
        waitUntil(60, "a few steps are charted", () -> curves.rawLoss().size() >= 2);
        // What the window does on close: the shutdown hooks wait for the checkpoint.
        fxRun(model::shutdown);
        assertTrue(run.hasCheckpoint(), "no checkpoint after closing the window");
        assertEquals(RunStatus.State.STOPPED, run.readStatus().state());
    }

    @Test
    void aRunThatCannotTrainEndsFailedWithItsReason(FxRobot robot) throws Exception {
        RunDirectory notARun = new RunDirectory(runs.resolve("not-a-run"));
        Files.createDirectories(notARun.root());
        fxRun(() -> controller.resumeRun(notARun));
        waitUntil(120, "the attempt has ended", () -> controller.outcomeProperty().get() != null);
        assertEquals(TrainingOutcome.Status.FAILED, fx(() -> controller.outcomeProperty().get().status()));
        Label outcome = fxValue(() -> robot.lookup("#outcomeLabel").queryAs(Label.class));
        String text = fx(outcome::getText);
        assertTrue(text.startsWith("Failed: ") && text.contains("is not a run folder: it has no config.json"), text);
        assertTrue(fx(() -> outcome.getStyleClass().contains("outcome-error")));
        assertTrue(fx(() -> fxValue(() -> robot.lookup("#resumeButton").queryAs(Button.class)).isDisabled()));
        assertFalse(fx(() -> fxValue(() -> robot.lookup("#startButton").queryAs(Button.class)).isDisabled()));
    }

    @Test
    void aDivergingLossEndsFailedAndSaysWhere(FxRobot robot) throws Exception {
        // A learning rate of 1e20 blows the weights up within a few steps.
        TrainingConfig diverging = tinyConfig(1).toBuilder().optimizer(OptimizerSpec.adam(1e20)).build();
        fx(() -> controller.startTraining(diverging));
        waitUntil(90, "training has ended", () -> controller.outcomeProperty().get() != null);
        TrainingOutcome outcome = fx(() -> controller.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.FAILED, outcome.status(), outcome.message());
        String text = fx(() -> fxValue(() -> robot.lookup("#outcomeLabel").queryAs(Label.class)).getText());
        assertTrue(text.startsWith("Failed: the loss became "), text);
    }

    @Test
    void startWaitsForADataSet(FxRobot robot) throws Exception {
        fxRun(() -> model.datasetProperty().set(null));
        assertTrue(fx(() -> fxValue(() -> robot.lookup("#startButton").queryAs(Button.class)).isDisabled()));
        assertTrue(fx(() -> fxValue(() -> robot.lookup("#configLabel").queryAs(Label.class)).getText()).startsWith("Load a data set"));
        fxRun(() -> model.datasetProperty().set(PanelFixture.sample()));
        assertFalse(fx(() -> fxValue(() -> robot.lookup("#startButton").queryAs(Button.class)).isDisabled()));
        assertTrue(fx(() -> fxValue(() -> robot.lookup("#configLabel").queryAs(Label.class)).getText()).contains("on sample (2,000 train images)"));
    }

    /** The progress line; call on the JavaFX thread (waitUntil's conditions run there). */
    private static String progressLine(FxRobot robot) {
        return fxValue(() -> robot.lookup("#progressLabel").queryAs(Label.class)).getText();
    }

    private static String progressText(FxRobot robot) throws Exception {
        return fx(() -> progressLine(robot));
    }

    @Test
    void whilePausedTheProgressSaysWhereItStandsWithoutAFrozenRateOrEta(FxRobot robot) throws Exception {
        fx(() -> controller.startTraining(tinyConfig(1)));
        TrainingCurves curves = controller.viewModel().curves();
        waitUntil(60, "a few steps are charted", () -> curves.rawLoss().size() >= 3
                && progressLine(robot).contains("ETA"));
        robot.clickOn(fxFind(() -> robot.lookup("#pauseButton").query()));
        // The step in flight ends and is drained; the line then stands still.
        waitUntil(120, "the paused line is final", () -> {
            String text = progressLine(robot);
            return text.contains("paused")
                    && controller.viewModel().stateProperty().get() == TrainingViewModel.State.PAUSED;
        });
        Thread.sleep(3 * TrainingViewModel.DRAIN_MILLIS);
        String paused = progressText(robot);
        assertTrue(paused.matches("epoch 1/1 · step \\d+/31 · paused"), paused);

        robot.clickOn(fxFind(() -> robot.lookup("#resumeButton").query()));
        waitUntil(60, "the rate and ETA are back", () -> progressLine(robot).contains("ETA"));
        robot.clickOn(fxFind(() -> robot.lookup("#stopButton").query()));
        waitUntil(60, "training has stopped", () -> !controller.runningProperty().get());
    }

    private static java.util.List<Double> firstPositions(TrainingCurves curves, int count) {
        return curves.rawLoss().stream().limit(count).map(point -> point.getXValue().doubleValue()).toList();
    }

    @Test
    void stopThenResumeKeepsTheLossCurveUpToTheResumePoint(FxRobot robot) throws Exception {
        fx(() -> controller.startTraining(tinyConfig(2)));
        TrainingCurves curves = controller.viewModel().curves();
        waitUntil(60, "some steps are charted", () -> curves.rawLoss().size() >= 5);
        robot.clickOn(fxFind(() -> robot.lookup("#stopButton").query()));
        waitUntil(60, "training has stopped", () -> !controller.runningProperty().get());
        java.util.List<Double> before = fx(() -> firstPositions(curves, Integer.MAX_VALUE));

        robot.clickOn(fxFind(() -> robot.lookup("#resumeButton").query()));
        assertEquals(before, fx(() -> firstPositions(curves, before.size())),
                "the curve stays while the run reloads");
        waitUntil(60, "steps go on after the resume point", () -> curves.rawLoss().size() > before.size() + 2);
        assertEquals(before, fx(() -> firstPositions(curves, before.size())),
                "the steps before the resume point stay");
        double last = before.get(before.size() - 1);
        assertTrue(fx(() -> curves.rawLoss().get(before.size()).getXValue().doubleValue()) > last,
                "new steps follow the old ones");
        robot.clickOn(fxFind(() -> robot.lookup("#stopButton").query()));
        waitUntil(60, "training has stopped", () -> !controller.runningProperty().get());
    }
}
