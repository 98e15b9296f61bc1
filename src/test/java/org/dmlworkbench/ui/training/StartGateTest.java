package org.dmlworkbench.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.config.TrainingConfig;
import org.junit.jupiter.api.Test;

class StartGateTest {

    private final Dataset sample = PanelFixture.sample();
    private final TrainingConfig config = TrainingConfig.defaults();

    @Test
    void aValidFormWithDataOpensStartAndSaysWhatAndHowItTrains() {
        StartGate.Verdict verdict = StartGate.verdict(true, sample, config, List.of(), "");
        assertTrue(verdict.open());
        assertEquals("Start trains hybrid1 by metric learning · 128-d · ms+ce · 5 epochs · batch 128"
                + " · auto sampler · on sample (2,000 train images)", verdict.line());
        assertFalse(StartGate.verdict(false, sample, config, List.of(), "").open(), "not while training");
    }

    @Test
    void startWaitsForDataThenForTheFormThenForTheOtherJob() {
        StartGate.Verdict noData = StartGate.verdict(true, null, config, List.of("Loss: x"), "the study 's'");
        assertFalse(noData.open());
        assertTrue(noData.line().startsWith("Load a data set"), noData.line());

        StartGate.Verdict invalid = StartGate.verdict(true, sample, config,
                List.of("Learning rate: 'abc' is not a number", "Batch size: enter a whole number"), "");
        assertFalse(invalid.open());
        assertEquals("Start waits for the Architecture tab's form: Learning rate: 'abc' is not a number;"
                + " Batch size: enter a whole number.", invalid.line());

        StartGate.Verdict locked = StartGate.verdict(true, sample, config, List.of(), "the study 'grid' (Study tab)");
        assertFalse(locked.open());
        assertEquals("Start waits: the study 'grid' (Study tab) is training; one training runs at a time.",
                locked.line());
    }
}
