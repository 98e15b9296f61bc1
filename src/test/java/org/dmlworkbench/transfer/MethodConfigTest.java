package org.dmlworkbench.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dmlworkbench.config.TrainingConfig;
import org.junit.jupiter.api.Test;

/** Each method validates its --loss with its own parser, before any data is read. */
class MethodConfigTest {

    private static TrainingConfig.Builder base() {
        return TrainingConfig.defaults().toBuilder();
    }

    @Test
    void asymmetricTakesTheAsymmetricLossesOnly() {
        TrainingConfig ok = base().method("asymmetric", "teacher", Map.of())
                .loss("asym-contr:1,rkd:0.5", Map.of("asym-contr.margin", "0.5")).build();
        assertEquals("asymmetric", ok.method());
        IllegalArgumentException metricName = assertThrows(IllegalArgumentException.class,
                () -> base().method("asymmetric", "teacher", Map.of()).loss("ms", Map.of()).build());
        assertTrue(metricName.getMessage().contains("asym-reg"), metricName.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> base().loss("asym-reg", Map.of()).build(), "metric runs refuse asym losses");
    }

    @Test
    void guidedTakesLossGuidedAndItsOwnSettings() {
        TrainingConfig ok = base().method("guided", null, Map.of("guided.beta", "0.01"))
                .loss("guided", Map.of()).build();
        assertEquals("guided", ok.loss());
        IllegalArgumentException wrongLoss = assertThrows(IllegalArgumentException.class,
                () -> base().method("guided", null, Map.of()).build());
        assertTrue(wrongLoss.getMessage().contains("--loss guided"), wrongLoss.getMessage());
        IllegalArgumentException badKey = assertThrows(IllegalArgumentException.class,
                () -> base().method("guided", null, Map.of("guided.epochs", "3"))
                        .loss("guided", Map.of()).build());
        assertTrue(badKey.getMessage().contains("guided.master-epochs"), badKey.getMessage());
    }
}
