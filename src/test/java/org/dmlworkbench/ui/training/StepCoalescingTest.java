package org.dmlworkbench.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.XYChart;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.ui.WorkbenchModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The view-model's path from trainer events to chart points, without a window or a trainer. */
class StepCoalescingTest {

    @TempDir
    Path runs;

    /** Status-bar messages go through the JavaFX queue, so the toolkit must run (no window). */
    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void tenThousandStepsBecomeAtMostTheBudgetOfPointsWithOneListChangePerDrain() {
        TrainingViewModel viewModel = TrainingViewModel.of(
                new WorkbenchModel(runs, DatasetLocator.Options.defaults().withOffline(true)));
        int stepsPerEpoch = 500;
        int epochs = 20;
        viewModel.inbox().start(new TrainingObserver.Start(0, 0, epochs, stepsPerEpoch, "CPU", 1000, false));
        int[] rawChanges = {0};
        viewModel.curves().rawLoss().addListener(
                (ListChangeListener<XYChart.Data<Number, Number>>) change -> rawChanges[0]++);
        int drains = 0;
        long globalStep = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int step = 1; step <= stepsPerEpoch; step++) {
                globalStep++;
                // Like a training thread: hundreds of steps between two UI drains.
                viewModel.inbox().step(new TrainingObserver.Step(epoch, step, stepsPerEpoch, globalStep,
                        (float) (3.0 / Math.sqrt(globalStep)), 2000, 1));
                if (globalStep % 337 == 0) {
                    viewModel.drain();
                    drains++;
                    assertTrue(viewModel.curves().rawLoss().size() <= TrainingViewModel.MAX_LOSS_POINTS);
                }
            }
        }
        viewModel.drain();
        drains++;

        assertEquals(10_000, globalStep);
        assertEquals(10_000, viewModel.lossCurve().steps());
        int points = viewModel.curves().rawLoss().size();
        assertTrue(points <= TrainingViewModel.MAX_LOSS_POINTS && points >= TrainingViewModel.MAX_LOSS_POINTS / 2,
                points + " points");
        assertEquals(points, viewModel.curves().smoothedLoss().size());
        assertTrue(rawChanges[0] <= drains, rawChanges[0] + " list changes for " + drains + " drains");
        // The chart lists hold exactly what the curve holds, up to the last (partial) point.
        LossCurve curve = viewModel.lossCurve();
        for (int i = 0; i < points; i++) {
            assertEquals(curve.x(i), viewModel.curves().rawLoss().get(i).getXValue().doubleValue(), 1e-12);
            assertEquals(curve.raw(i), viewModel.curves().rawLoss().get(i).getYValue().doubleValue(), 1e-12);
            assertEquals(curve.smoothed(i), viewModel.curves().smoothedLoss().get(i).getYValue().doubleValue(), 1e-12);
        }
        // Steps are drawn at their position in epochs: the last one ends epoch 20.
        assertEquals(20.0, viewModel.curves().rawLoss().get(points - 1).getXValue().doubleValue(), 1e-12);
        assertEquals(1.0, viewModel.display().progressProperty().get(), 1e-12);
        assertTrue(viewModel.display().progressTextProperty().get().startsWith("epoch 20/20 · step 500/500"),
                viewModel.display().progressTextProperty().get());
    }
}
