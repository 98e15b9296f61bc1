package org.dmlworkbench.training.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dmlworkbench.config.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * The command line's defaults are the config's defaults: {@code train} with no options trains
 * exactly {@link TrainingConfig#defaults()}, which the window and study files start from too.
 */
class TrainArgumentsDefaultsTest {

    @Test
    void noOptionsGiveTheConfigDefaults() {
        assertEquals(TrainingConfig.defaults(), TrainArguments.configFrom(List.of()));
    }

    @Test
    void eachMethodsDefaultLossIsTheMethodsOwn() {
        for (String method : List.of("metric", "guided")) {
            assertEquals(TrainingConfig.defaultLoss(method),
                    TrainArguments.configFrom(List.of("--method", method)).loss());
        }
    }
}
