package org.dmlworkbench.training;

import ai.djl.Device;
import java.util.Map;
import java.util.Set;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.loss.LossSpec;
import org.dmlworkbench.config.TrainingConfig;

/**
 * Metric learning: a loss on the model's own embeddings (and logits, for cross-entropy). A batch
 * runs in one pass ({@link StandardStep}), in two-pass chunks for huge batches
 * ({@link TwoPassStep}, {@code --chunk}), or with Metrix mixing at the input or feature level
 * ({@link MetrixStep}, {@code --method-param metrix.level=...}).
 */
public final class MetricLearning implements TrainingMethod {

    public static final String NAME = "metric";
    private static final String METRIX_LEVEL = "metrix.level";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Metric learning";
    }

    @Override
    public String summary() {
        return "A metric loss on the model's own embeddings (optionally two-pass chunks for huge batches).";
    }

    @Override
    public String defaultLoss() {
        return "ms+ce";
    }

    @Override
    public Set<String> parameterKeys() {
        return Set.of(METRIX_LEVEL, "metrix.mixing", "metrix.form", "metrix.alpha", "metrix.weight");
    }

    @Override
    public boolean takesChunks() {
        return true;
    }

    @Override
    public LossSpec validate(String loss, Map<String, String> lossParams, Map<String, String> methodParams) {
        if (!methodParams.isEmpty() && !methodParams.containsKey(METRIX_LEVEL)) {
            throw new IllegalArgumentException("--method-param " + methodParams.keySet() + " set Metrix"
                    + " mixing, which needs metrix.level=input or metrix.level=feature as well");
        }
        // Fails here, before any data is read, with the loss parser's own sentence.
        LossSpec spec = LossFactory.parse(loss, lossParams);
        if (spec.needsTeacher()) {
            throw new IllegalArgumentException("--loss '" + loss + "' compares with a"
                    + " teacher's embeddings; give --method asymmetric and --teacher-run RUN,"
                    + " or a loss of the model's own space");
        }
        if (methodParams.containsKey(METRIX_LEVEL)) {
            // checks level, form, alpha and weight with the step's own sentences
            MetrixStep.fromParams(LossFactory.create("ms", null), methodParams);
        }
        return spec;
    }

    @Override
    public void checkBatchSize(Map<String, String> methodParams, int batchSize) {
        MetrixStep.checkBatchSize(methodParams, batchSize);
    }

    @Override
    public Map<String, Object> describeLoss(TrainingConfig config) {
        Map<String, Object> described = config.lossSpec().describe();
        if (!config.methodParams().containsKey(METRIX_LEVEL)) {
            return described;
        }
        // the mixing step is part of how the run trains: recorded, and compared on resume
        Map<String, Object> withStep = new java.util.LinkedHashMap<>(described);
        withStep.put("metrix step", MetrixStep.describe(config.methodParams()));
        return withStep;
    }

    @Override
    public EmbeddingLoss trainerLoss(TrainingConfig config) {
        return config.lossSpec().build();
    }

    @Override
    public boolean trainsClassifier(TrainingConfig config) {
        return config.lossSpec().needsClassifier();
    }

    @Override
    public BatchStep openStep(TrainingConfig config, EmbeddingLoss loss, Dataset dataset, Device device) {
        if (config.chunkSize() > 0) {
            return new TwoPassStep(loss, config.chunkSize());
        }
        if (config.methodParams().containsKey(METRIX_LEVEL)) {
            return MetrixStep.fromParams(loss, config.methodParams());
        }
        return new StandardStep(loss);
    }

    @Override
    public String describe(TrainingConfig config) {
        return config.chunkSize() > 0 ? "metric learning in two passes of " + config.chunkSize()
                : "metric learning";
    }
}
