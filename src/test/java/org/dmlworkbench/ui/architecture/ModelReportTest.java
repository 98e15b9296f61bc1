package org.dmlworkbench.ui.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.training.RunSetup;
import org.dmlworkbench.config.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The Architecture panel's numbers are the run manifest's: both come from RunSetup. */
class ModelReportTest {

    @Test
    void theReportAgreesWithTheManifestsModelDescription() {
        Dataset sample = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true))
                .load("sample");
        TrainingConfig config = TrainingConfig.defaults();
        int classes = RunSetup.classifierClasses(config, sample);
        RunManifest.ModelInfo engine = RunSetup.describeModel(config, sample.train(), classes);
        ModelReport report = ModelReport.of(config, sample);
        assertEquals(engine.parameters(), report.parameters());
        assertEquals(engine.sizeBytes(), report.savedBytes());
        assertEquals(engine.classifierClasses(), report.classifierClasses());
        assertEquals(engine.multiplyAdds().longValue(), report.multiplyAdds());
    }
}
