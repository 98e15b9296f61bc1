package org.dmlworkbench.ui.training;

import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.training.PanelFixture.fx;
import static org.dmlworkbench.ui.training.PanelFixture.fxRun;
import static org.dmlworkbench.ui.training.PanelFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.dmlworkbench.data.BatchSamplers;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.runview.TrainedSampleRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Training panel says what a batch holds: for the form's config, and for an opened run. */
@ExtendWith(ApplicationExtension.class)
class BatchCompositionTest {

    @TempDir
    Path runs;

    private WorkbenchModel model;

    @Start
    void start(Stage stage) throws IOException {
        model = new WorkbenchModel(runs, DatasetLocator.Options.defaults().withOffline(true));
        model.datasetProperty().set(PanelFixture.sample());
        FXMLLoader loader = PanelFixture.load("training", model);
        PanelFixture.show(stage, loader.getRoot(), WorkbenchModel.Theme.LIGHT);
    }

    @AfterEach
    void closeWindow() throws Exception {
        fxRun(model::shutdown);
    }

    @Test
    void manySmallClassesGetClassesTimesImagesBatchesAndFewLargeOnesRandomBatches() {
        // 100 classes of 5 images: a shuffled batch of 32 would hardly hold a pair
        int[] labels = new int[500];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / 5;
        }
        BatchComposition small = BatchComposition.parse(BatchSamplers.auto(labels, 32, 4, 1).describe());
        assertEquals("m-per-class", small.sampler());
        assertEquals(8, small.classesPerBatch());
        assertEquals(4, small.imagesPerClass());
        assertTrue(small.text().startsWith("8 classes × 4 images per class (batch 32), chosen by auto: m-per-class"),
                small.text());

        BatchComposition sample = BatchComposition.of(TrainingConfig.defaults(), PanelFixture.sample().train());
        assertEquals("shuffle", sample.sampler());
        assertTrue(sample.text().startsWith("random batches of 128 (shuffled), chosen by auto: shuffle"),
                sample.text());

        TrainingConfig named = TrainingConfig.defaults().toBuilder().sampler("m-per-class", 4).batchSize(32).build();
        BatchComposition chosen = BatchComposition.of(named, PanelFixture.sample().train());
        assertEquals("8 classes × 4 images per class (batch 32)", chosen.text(), "no reason: chosen by name");
        assertNull(BatchComposition.parse("something else"));
    }

    @Test
    void thePanelShowsTheFormsBatchesLiveAndAnOpenedRunsFromItsManifest(FxRobot robot) throws Exception {
        Label form = fxValue(() -> robot.lookup("#formBatchesLabel").queryAs(Label.class));
        waitUntil(120, "the form's batches show", () -> form.getText().contains("random batches of 128"));
        fxRun(() -> model.configProperty().set(model.configProperty().get().toBuilder()
                .sampler("m-per-class", 5).batchSize(40).build()));
        waitUntil(120, "the new batches show", () -> form.getText()
                .equals("Start's batches: 8 classes × 5 images per class (batch 40)"));
        Label configLine = fxValue(() -> robot.lookup("#configLabel").queryAs(Label.class));
        assertTrue(fx(configLine::getText).contains("m-per-class sampler"), fx(configLine::getText));

        RunDirectory trained = TrainedSampleRun.run();
        String recorded = trained.readManifest().sampling();
        fxRun(() -> model.activeRunProperty().set(trained));
        Label run = fxValue(() -> robot.lookup("#runBatchesLabel").queryAs(Label.class));
        waitUntil(60, "the run's batches show", () -> !run.getText().isEmpty());
        assertEquals("This run's batches: " + BatchComposition.parse(recorded).text(), fx(run::getText));
        assertTrue(fx(run::getText).contains("random batches of 64"), fx(run::getText));
    }
}
