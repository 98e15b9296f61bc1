package org.dmlworkbench.guided;

import ai.djl.Device;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.BatchStep;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingJob;
import org.dmlworkbench.training.TrainingMethod;
import org.dmlworkbench.training.TrainingObserver;

/**
 * Guided DML (Gonzalez-Zapata et al.): a GEMINI master is trained first and builds a 2-D space;
 * the student is then regressed onto the master's embeddings. The job is a
 * {@link GuidedPipeline}: the master stage, then the one training loop for the student.
 */
public final class GuidedDml implements TrainingMethod {

    public static final String NAME = "guided";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Guided DML (GEMINI master + student)";
    }

    @Override
    public String summary() {
        return "Trains a GEMINI master on class-pair triplets, then regresses the student onto the master's"
                + " embeddings; set guided.master-epochs, guided.beta, guided.margin,"
                + " guided.master-lr, guided.triplets below.";
    }

    @Override
    public String defaultLoss() {
        return "guided";
    }

    @Override
    public boolean lossIsChosen() {
        return false;
    }

    @Override
    public Set<String> parameterKeys() {
        return GuidedSettings.KEYS;
    }

    @Override
    public LossSpec validate(String loss, Map<String, String> lossParams, Map<String, String> methodParams) {
        if (!"guided".equalsIgnoreCase(loss == null ? "" : loss.trim())) {
            throw new IllegalArgumentException("--method guided trains with its own losses"
                    + " (the GEMINI master's Eq. 5/6, then the student's L2 regression to the"
                    + " master's embeddings); give --loss guided, not '" + loss + "'");
        }
        if (!lossParams.isEmpty()) {
            throw new IllegalArgumentException("--method guided takes no --loss-param; set it"
                    + " with --method-param guided.KEY=VALUE, got " + lossParams.keySet());
        }
        GuidedSettings.from(methodParams);
        return null; // "guided" names the method's own losses, not a loss expression
    }

    @Override
    public Map<String, Object> describeLoss(TrainingConfig config) {
        return GuidedSettings.from(config.methodParams()).describe();
    }

    @Override
    public BatchStep openStep(TrainingConfig config, EmbeddingLoss loss, Dataset dataset, Device device) {
        return GuidedStudentStep.open(config, dataset);
    }

    @Override
    public String describe(TrainingConfig config) {
        return "Guided DML (GEMINI master, then the student)";
    }

    @Override
    public TrainingJob create(RunDirectory run, TrainingConfig config, Dataset dataset,
            TrainingObserver observer, TrainingControl control) throws IOException {
        return GuidedPipeline.create(run, config, dataset, observer, control);
    }

    @Override
    public TrainingJob resume(RunDirectory run, Dataset dataset, TrainingObserver observer,
            TrainingControl control) throws IOException {
        return GuidedPipeline.resume(run, dataset, observer, control);
    }
}
