package org.dmlworkbench.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.loss.RegressionLoss;
import org.dmlworkbench.loss.RelationalKnowledgeLoss;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.training.BatchStep;
import org.dmlworkbench.training.StepOwnedLoss;
import org.junit.jupiter.api.Test;

class TeacherStepTest {

    private static final ModelSpec TINY = ModelSpec.preset("cnn").withLayout(0, List.of(4, 8))
            .withEmbeddingDim(4);

    /**
     * The teacher's parameters are even marked as needing gradients here, so only the
     * stopGradient inside the step keeps them out of the backward pass.
     */
    @Test
    void teacherGetsNoGradientAndStudentDoes() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                Model model = Model.newInstance("student", Device.cpu())) {
            EmbeddingNet teacher = new EmbeddingNet(TINY, 1, 0);
            teacher.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            for (Pair<String, Parameter> parameter : teacher.getParameters()) {
                if (parameter.getValue().requiresGradient()) {
                    parameter.getValue().getArray().setRequiresGradient(true);
                }
            }
            EmbeddingNet student = new EmbeddingNet(TINY, 1, 0);
            model.setBlock(student);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new StepOwnedLoss("asym-reg",
                    Map.of())).optOptimizer(Optimizer.sgd().setLearningRateTracker(
                            Tracker.fixed(0.1f)).build());
            try (Trainer trainer = model.newTrainer(config);
                    TeacherStep step = new TeacherStep(teacher, null, new RegressionLoss())) {
                trainer.initialize(new Shape(6, 1, 8, 8));
                try (NDManager scope = trainer.getManager().newSubManager()) {
                    NDArray images = scope.randomNormal(new Shape(6, 1, 8, 8));
                    NDArray labels = scope.create(new long[] {0, 0, 1, 1, 2, 2});
                    float value = step.forwardBackward(new BatchStep.Batch(trainer, student, scope,
                            images, labels, new int[] {0, 1, 2, 3, 4, 5}), 0, 1);
                    assertTrue(value > 0 && Float.isFinite(value), "loss " + value);
                    double teacherGradient = 0;
                    for (Pair<String, Parameter> parameter : teacher.getParameters()) {
                        NDArray array = parameter.getValue().getArray();
                        if (array.hasGradient()) {
                            teacherGradient += array.getGradient().abs().sum().getFloat();
                        }
                    }
                    assertEquals(0.0, teacherGradient, "teacher parameters received gradient");
                    double studentGradient = 0;
                    for (Pair<String, Parameter> parameter : student.getParameters()) {
                        NDArray array = parameter.getValue().getArray();
                        if (array.hasGradient()) {
                            studentGradient += array.getGradient().abs().sum().getFloat();
                        }
                    }
                    assertTrue(studentGradient > 0, "the student must receive a gradient");
                }
            }
        }
    }

    /** Targets looked up by training-set index equal the teacher's forward of the batch. */
    @Test
    void cachedTeacherTargetsGiveTheSameLoss() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                Model model = Model.newInstance("student", Device.cpu())) {
            EmbeddingNet teacher = new EmbeddingNet(TINY, 1, 0);
            teacher.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
            EmbeddingNet student = new EmbeddingNet(TINY, 1, 0);
            model.setBlock(student);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new StepOwnedLoss("asym-reg",
                    Map.of()));
            try (Trainer trainer = model.newTrainer(config);
                    NDManager scope = trainer.getManager().newSubManager()) {
                trainer.initialize(new Shape(6, 1, 8, 8));
                NDArray trainingSet = scope.randomNormal(new Shape(6, 1, 8, 8));
                float[] all = teacher.forward(new ai.djl.training.ParameterStore(scope, false),
                        new ai.djl.ndarray.NDList(trainingSet), false).head().toFloatArray();
                Embeddings cache = new Embeddings(all, 6, 4);
                int[] indices = {3, 0, 5, 1, 4, 2};
                NDArray images = trainingSet.get(scope.create(new long[] {3, 0, 5, 1, 4, 2}));
                NDArray labels = scope.create(new long[] {0, 0, 1, 1, 2, 2});
                BatchStep.Batch batch = new BatchStep.Batch(trainer, student, scope, images, labels,
                        indices);
                float inGraph = new TeacherStep(teacher, null, new RegressionLoss())
                        .forwardBackward(batch, 0, 1);
                float cached = new TeacherStep(teacher, null, new RegressionLoss(), cache)
                        .forwardBackward(batch, 0, 1);
                assertEquals(inGraph, cached, 1e-6);
            }
        }
        assertTrue(TeacherStep.cachesTeacher(Map.of(TeacherStep.TEACHER_CACHE, "true")));
        assertTrue(!TeacherStep.cachesTeacher(Map.of()));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TeacherStep.cachesTeacher(Map.of(TeacherStep.TEACHER_CACHE, "yes")));
        assertTrue(bad.getMessage().contains(TeacherStep.TEACHER_CACHE), bad.getMessage());
    }

    @Test
    void sizesMustMatchWhenTheLossComparesVectors() {
        assertTrue(new RegressionLoss().comparesVectorsAcrossSpaces());
        assertTrue(!new RelationalKnowledgeLoss(1, 2).comparesVectorsAcrossSpaces());
        assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("rkd:1,asym-reg:1", Map.of("rkd.distance-weight",
                        "x")));
    }
}
