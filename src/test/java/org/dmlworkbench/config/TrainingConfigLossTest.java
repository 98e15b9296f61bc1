package org.dmlworkbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.loss.LossSpec;
import org.junit.jupiter.api.Test;

/**
 * A config's loss is parsed once, when the config is built, and kept: everything that needs the
 * loss reads {@link TrainingConfig#lossSpec()}. (ArchitectureTest checks that nothing outside a
 * method's validate parses a config's loss text again.)
 */
class TrainingConfigLossTest {

    /** config.json's fields, as they were before the config kept its parsed loss. */
    private static final List<String> WRITTEN_FIELDS = List.of("data", "split", "model", "loss",
            "lossParams", "sampler", "samplesPerClass", "optimizer", "epochs", "batchSize", "seed",
            "device", "evalEvery", "evalGallery", "checkpointSeconds", "checkpointEverySteps",
            "method", "chunkSize", "methodParams", "imageSize", "augment", "backbone");

    @Test
    void theLossIsParsedWhenTheConfigIsBuiltAndKept() {
        TrainingConfig config = TrainingConfig.defaults().toBuilder()
                .loss("ms:0.5,ce:1", Map.of("ms.alpha", "3")).build();
        LossSpec spec = config.lossSpec();
        assertSame(spec, config.lossSpec(), "kept, not parsed on each call");
        assertEquals("ms:0.5,ce:1", spec.canonical());
        assertEquals(3.0, spec.parameters().get("ms.alpha"));
        assertEquals(LossSpec.parse("ms:0.5,ce:1", Map.of("ms.alpha", "3")), spec);
    }

    @Test
    void aCopyParsesItsOwnLossAndEqualsTheOriginal() {
        TrainingConfig config = TrainingConfig.defaults();
        TrainingConfig copy = config.toBuilder().build();
        assertNotSame(config.lossSpec(), copy.lossSpec());
        assertEquals(config, copy);
        assertEquals(config.hashCode(), copy.hashCode());
        TrainingConfig other = config.toBuilder().loss("ms", Map.of()).build();
        assertEquals("ms", other.lossSpec().canonical());
        assertFalse(other.equals(config));
    }

    @Test
    void aBadLossIsRefusedWhenTheConfigIsBuiltWithTheParsersSentence() {
        TrainingConfig.Builder unknown = TrainingConfig.defaults().toBuilder().loss("ms+arcface", Map.of());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, unknown::build);
        assertTrue(name.getMessage().startsWith("unknown loss 'arcface' in 'ms+arcface'; valid names: "),
                name.getMessage());
        TrainingConfig.Builder negative = TrainingConfig.defaults().toBuilder()
                .loss("ms+ce", Map.of("ms.alpha", "-1"));
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class, negative::build);
        assertEquals("loss parameter ms.alpha: expected a number > 0, got '-1'", value.getMessage());
    }

    @Test
    void aMethodWithItsOwnLossesHasNoParsedLoss() {
        TrainingConfig guided = TrainingConfig.defaults().toBuilder()
                .method("guided", null, Map.of()).loss("guided", Map.of()).build();
        assertNull(guided.lossSpec());
    }

    @Test
    void theMethodsDescribeAndBuildTheConfigsParsedLoss() {
        TrainingConfig config = TrainingConfig.defaults();
        MethodRules metric = MethodRegistry.byName(config.method());
        assertEquals(config.lossSpec().describe(), metric.describeLoss(config));
        TrainingConfig student = config.toBuilder().method("asymmetric", "teacher-run", Map.of())
                .loss("asym-contr+", Map.of()).build();
        assertEquals(student.lossSpec().describe(),
                MethodRegistry.byName("asymmetric").describeLoss(student));
    }

    @Test
    void configJsonDoesNotGainTheParsedLossAndReadsBackEqual() {
        TrainingConfig config = TrainingConfig.defaults().toBuilder()
                .loss("ms+ce", Map.of("ms.alpha", "3")).build();
        JsonObject json = Json.gson().toJsonTree(config).getAsJsonObject();
        assertEquals(WRITTEN_FIELDS, List.copyOf(json.keySet()));
        TrainingConfig read = Json.gson().fromJson(Json.toJson(config), TrainingConfig.class);
        assertEquals(config, read);
        assertEquals(config.lossSpec(), read.lossSpec());
    }
}
