package org.dmlworkbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.dmlworkbench.config.TrainingConfig;

/** The methods found as plug-ins, and what each says about itself. */
class TrainingMethodsTest {

    @Test
    void theThreeMethodsAreFoundInTheWindowsOrder() {
        assertEquals(List.of("metric", "guided", "asymmetric"), TrainingMethods.names());
        assertEquals("metric, guided or asymmetric", TrainingMethods.choices());
        assertEquals("guided", TrainingMethods.byName(" Guided ").name());
    }

    @Test
    void anUnknownMethodIsRefusedNamingTheValidOnes() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TrainingMethods.byName("fancy"));
        assertEquals("unknown method 'fancy'; choose metric, guided or asymmetric", bad.getMessage());
    }

    @Test
    void eachMethodsDefaultLossPassesItsOwnChecksAndNoOtherMethods() {
        for (TrainingMethod method : TrainingMethods.all()) {
            method.validate(method.defaultLoss(), Map.of(), Map.of());
            for (TrainingMethod other : TrainingMethods.all()) {
                if (other != method) {
                    assertThrows(IllegalArgumentException.class,
                            () -> other.validate(method.defaultLoss(), Map.of(), Map.of()),
                            other.name() + " must refuse " + method.name() + "'s loss " + method.defaultLoss());
                }
            }
        }
    }

    @Test
    void parameterKeysBelongToOneMethodEach() {
        Set<String> seen = new HashSet<>();
        for (TrainingMethod method : TrainingMethods.all()) {
            for (String key : method.parameterKeys()) {
                assertTrue(seen.add(key), key + " is claimed by two methods");
            }
        }
    }

    @Test
    void aConfigAsksItsMethod() {
        TrainingConfig metric = TrainingConfig.defaults();
        assertEquals("ms+ce", TrainingConfig.defaultLoss("metric"));
        assertTrue(TrainingMethods.byName(metric.method()).trainsClassifier(metric));
        IllegalArgumentException teacherLoss = assertThrows(IllegalArgumentException.class,
                () -> metric.toBuilder().loss("asym-reg", Map.of()).build());
        assertTrue(teacherLoss.getMessage().contains("--method asymmetric"), teacherLoss.getMessage());
        IllegalArgumentException chunks = assertThrows(IllegalArgumentException.class,
                () -> metric.toBuilder().method("guided", null, Map.of()).loss("guided", Map.of())
                        .chunkSize(32).build());
        assertTrue(chunks.getMessage().contains("--chunk"), chunks.getMessage());
    }
}
