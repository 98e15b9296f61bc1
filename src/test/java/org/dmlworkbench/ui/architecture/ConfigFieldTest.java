package org.dmlworkbench.ui.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.dmlworkbench.model.InvolutionSpec;
import org.dmlworkbench.training.TrainingConfig;
import org.junit.jupiter.api.Test;

class ConfigFieldTest {

    private final TrainingConfig defaults = TrainingConfig.defaults();

    private String problem(ConfigField field, TrainingConfig config, String text) {
        return assertThrows(IllegalArgumentException.class, () -> field.write(config, text)).getMessage();
    }

    @Test
    void everyFieldReadsBackWhatWasWritten() {
        Map<ConfigField, String> values = Map.ofEntries(
                Map.entry(ConfigField.INVOLUTION_LAYERS, "2"), Map.entry(ConfigField.CONV_WIDTHS, "8, 16, 24"),
                Map.entry(ConfigField.ACTIVATION, "relu"), Map.entry(ConfigField.STAGE_POOLING, "none"),
                Map.entry(ConfigField.EMBEDDING_SIZE, "32"), Map.entry(ConfigField.NORMALIZE_EMBEDDING, "false"),
                Map.entry(ConfigField.KERNEL_SIZE, "5"), Map.entry(ConfigField.STRIDE, "2"),
                Map.entry(ConfigField.GROUPS, "4"), Map.entry(ConfigField.REDUCTION_RATIO, "3"),
                Map.entry(ConfigField.LOSS, "ms:0.5,ce:1; ms.alpha=2"), Map.entry(ConfigField.SAMPLER, "m-per-class"),
                Map.entry(ConfigField.SAMPLES_PER_CLASS, "8"), Map.entry(ConfigField.OPTIMIZER, "sgd"),
                Map.entry(ConfigField.LEARNING_RATE, "0.0001"), Map.entry(ConfigField.WEIGHT_DECAY, "0.0005"),
                Map.entry(ConfigField.MOMENTUM, "0.9"), Map.entry(ConfigField.GRADIENT_CLIP, "1.5"),
                Map.entry(ConfigField.EPOCHS, "3"), Map.entry(ConfigField.BATCH_SIZE, "64"),
                Map.entry(ConfigField.SEED, "-7"));
        assertEquals(ConfigField.values().length, values.size(), "a value for every field");
        for (Map.Entry<ConfigField, String> entry : values.entrySet()) {
            TrainingConfig written = entry.getKey().write(defaults, entry.getValue());
            assertEquals(entry.getValue(), entry.getKey().read(written), entry.getKey().name());
        }
    }

    @Test
    void writesLandInTheRightPartOfTheConfigAndLeaveTheRestAlone() {
        TrainingConfig involution = ConfigField.KERNEL_SIZE.write(defaults, "5");
        assertEquals(new InvolutionSpec(5, 1, 1, 2), involution.model().involution());
        assertEquals(defaults.toBuilder().model(defaults.model().withInvolution(new InvolutionSpec(5, 1, 1, 2)))
                .build(), involution);
        TrainingConfig loss = ConfigField.LOSS.write(defaults, "ms+ce; ms.alpha=2");
        assertEquals("ms+ce", loss.loss());
        assertEquals(Map.of("ms.alpha", "2"), loss.lossParams());
        TrainingConfig rate = ConfigField.LEARNING_RATE.write(defaults, "1e-4");
        assertEquals(1e-4, rate.optimizer().learningRate());
        assertEquals("0.0001", ConfigField.LEARNING_RATE.read(rate));
        assertEquals(defaults.model(), rate.model());
    }

    @Test
    void changingTheLayoutMakesTheModelCustomUnlessItStillMatches() {
        TrainingConfig widths = ConfigField.CONV_WIDTHS.write(defaults, "16 32");
        assertEquals(List.of(16, 32), widths.model().convWidths());
        assertEquals("custom", widths.model().family());
        assertEquals("hybrid1", ConfigField.CONV_WIDTHS.write(defaults, "16,32,64,128").model().family());
        assertEquals("custom", ConfigField.INVOLUTION_LAYERS.write(defaults, "3").model().family());
    }

    @Test
    void invalidValuesAreRejectedWithAMessageFitForTheField() {
        assertEquals("batch size must be >= 2, got 1", problem(ConfigField.BATCH_SIZE, defaults, "1"));
        assertEquals("'abc' is not a whole number", problem(ConfigField.BATCH_SIZE, defaults, "abc"));
        assertEquals("enter a whole number", problem(ConfigField.EPOCHS, defaults, " "));
        assertEquals("epochs must be >= 1, got 0", problem(ConfigField.EPOCHS, defaults, "0"));
        assertEquals("involution kernel size must be odd, got 4", problem(ConfigField.KERNEL_SIZE, defaults, "4"));
        assertEquals("involution layers must be 0-3, got 4", problem(ConfigField.INVOLUTION_LAYERS, defaults, "4"));
        assertEquals("embedding size must be >= 1, got 0", problem(ConfigField.EMBEDDING_SIZE, defaults, "0"));
        assertEquals("conv widths must be positive, got [16, 0]", problem(ConfigField.CONV_WIDTHS, defaults, "16, 0"));
        assertEquals("'fast' is not a number", problem(ConfigField.LEARNING_RATE, defaults, "fast"));
        assertEquals("learning rate must be a positive number, got 0.0",
                problem(ConfigField.LEARNING_RATE, defaults, "0"));
        assertEquals("'NaN' is not a number", problem(ConfigField.WEIGHT_DECAY, defaults, "NaN"));
        assertEquals("'1.5' is not a whole number", problem(ConfigField.SEED, defaults, "1.5"));
    }

    @Test
    void samplesPerClassMustDivideTheBatchOnlyForTheMPerClassSampler() {
        TrainingConfig mPerClass = ConfigField.SAMPLER.write(defaults, "m-per-class");
        // batch 128 = 32 * 4, so M = 4 passes and M = 3 does not
        assertEquals(4, mPerClass.samplesPerClass());
        assertEquals("m-per-class needs M >= 2 dividing the batch size (128), got M = 3",
                problem(ConfigField.SAMPLES_PER_CLASS, mPerClass, "3"));
        assertEquals("m-per-class needs M >= 2 dividing the batch size (100), got M = 8",
                problem(ConfigField.BATCH_SIZE, ConfigField.SAMPLES_PER_CLASS.write(mPerClass, "8"), "100"));
        assertEquals(3, ConfigField.SAMPLES_PER_CLASS.write(defaults, "3").samplesPerClass(), "shuffle ignores M");
    }
}
