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
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.training.BatchStep;
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

    @Test
    void sizesMustMatchWhenTheLossComparesVectors() {
        assertTrue(new RegressionLoss().comparesVectorsAcrossSpaces());
        assertTrue(!new RelationalKnowledgeLoss(1, 2).comparesVectorsAcrossSpaces());
        assertThrows(IllegalArgumentException.class,
                () -> AsymmetricLossFactory.parse("rkd:1,asym-reg:1", Map.of("rkd.distance-weight",
                        "x")));
    }
}
