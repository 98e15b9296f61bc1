package org.dmlworkbench.training;

import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.config.TrainingConfig;

/** Small, fast training setups on the bundled sample. */
public final class TrainingFixtures {

    private static Dataset sample;

    private TrainingFixtures() {}

    public static synchronized Dataset sample() {
        if (sample == null) {
            sample = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true)).load("sample");
        }
        return sample;
    }

    /** hybrid1 with a 32-d embedding, batch 64, ms+ce, 2 epochs, checkpoint every 5 steps. */
    public static TrainingConfig tinyConfig() {
        return TrainingConfig.defaults().toBuilder()
                .model(ModelSpec.preset("hybrid1").withEmbeddingDim(32))
                .batchSize(64)
                .epochs(2)
                .seed(7)
                .device("cpu")
                .checkpoints(3600, 5)
                .build();
    }
}
