package org.dmlworkbench.transfer;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.loss.LossSpec;
import org.dmlworkbench.training.BatchStep;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingMethod;

/**
 * Asymmetric metric learning (Budnik and Avrithis): this model is a student trained against the
 * frozen embeddings of a finished teacher run, with losses that compare the two spaces
 * ({@link org.dmlworkbench.loss.TeacherLoss}).
 */
public final class AsymmetricTransfer implements TrainingMethod {

    public static final String NAME = "asymmetric";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Asymmetric (student of a teacher run)";
    }

    @Override
    public String summary() {
        return "Trains this model as a student against the frozen embeddings of a finished teacher run;"
                + " the loss is an asymmetric one (asym-contr+, asym-reg, rkd, ...).";
    }

    @Override
    public String defaultLoss() {
        return "asym-contr+";
    }

    @Override
    public Set<String> parameterKeys() {
        return Set.of(TeacherStep.TEACHER_CACHE);
    }

    @Override
    public boolean needsTeacherRun() {
        return true;
    }

    @Override
    public LossSpec validate(String loss, Map<String, String> lossParams, Map<String, String> methodParams) {
        LossSpec spec = LossFactory.parse(loss, lossParams);
        if (!spec.allNeedTeacher()) {
            throw new IllegalArgumentException("--method asymmetric trains the student"
                    + " against the teacher's embeddings; every --loss term must be one of "
                    + String.join(", ", LossFactory.teacherNames()) + ", got '" + loss + "'");
        }
        TeacherStep.cachesTeacher(methodParams);
        return spec;
    }

    @Override
    public Map<String, Object> describeLoss(TrainingConfig config) {
        return config.lossSpec().describe();
    }

    @Override
    public void checkCanTrain(TrainingConfig config, Dataset dataset) {
        TeacherStep.checkTeacherRun(config, dataset);
    }

    @Override
    public BatchStep openStep(TrainingConfig config, EmbeddingLoss loss, Dataset dataset, Device device) {
        return TeacherStep.open(config, dataset, device);
    }

    @Override
    public String describe(TrainingConfig config) {
        String teacher = config.teacherRun() == null ? "?"
                : Path.of(config.teacherRun()).getFileName().toString();
        return "asymmetric learning from teacher run " + teacher;
    }
}
