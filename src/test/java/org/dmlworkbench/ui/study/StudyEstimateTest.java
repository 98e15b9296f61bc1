package org.dmlworkbench.ui.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.training.PanelFixture;
import org.junit.jupiter.api.Test;

class StudyEstimateTest {

    @Test
    void aRunTakesItsEpochsOfTrainingImagesAtTheMeasuredRatePlusItsEvaluations() {
        // The sample: 2,000 training and 500 test images. 3 epochs at 1,000 img/s train for 6 s;
        // evaluating every epoch embeds the 500 test images 3 times at 3,000 img/s: 0.5 s.
        TrainingConfig config = TrainingConfig.defaults().toBuilder().epochs(3).evaluation(1, "test").build();
        assertEquals(6.5, StudyEstimate.runSeconds(config, PanelFixture.sample(), 1000), 1e-9);
        // Every second epoch, with the training set as the gallery: epochs 2 and 3, 2,500 images each.
        TrainingConfig sparse = config.toBuilder().evaluation(2, "train").build();
        assertEquals(6 + 2 * 2500 / 3000.0, StudyEstimate.runSeconds(sparse, PanelFixture.sample(), 1000), 1e-9);
    }

    @Test
    void thePlanSaysHowLongAtWhichRateAndWhichGroupsCouldNotBeTimed() {
        StudyEstimate estimate = new StudyEstimate(List.of(1500.0, 1000.0, 0.0),
                Map.of("model=hybrid1", 1850.0, "model=cnn", 2300.0),
                Map.of("model=inn", "the loss became NaN at step 2"), Map.of("fashion-mnist", 60_000));
        assertEquals("about 42 min at 1,850–2,300 img/s measured here; model=inn could not be timed:"
                + " the loss became NaN at step 2", estimate.describe());
        assertEquals("40 s", StudyEstimate.duration(40));
        assertEquals("1 h 05 min", StudyEstimate.duration(3900));
    }
}
