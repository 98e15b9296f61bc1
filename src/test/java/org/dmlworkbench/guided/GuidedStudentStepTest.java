package org.dmlworkbench.guided;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.training.BatchStep;
import org.dmlworkbench.training.StepOwnedLoss;
import org.junit.jupiter.api.Test;

class GuidedStudentStepTest {

    private static final int COUNT = 12;

    @Test
    void regressesEachImageTowardsItsOwnTargetAndTheLossFalls() {
        Engine.getInstance().setRandomSeed(11);
        Random random = new Random(4);
        float[] targets = new float[COUNT * 2];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) (random.nextGaussian() * 3);
        }
        ModelSpec spec = ModelSpec.preset("cnn").withLayout(0, List.of(4, 8)).withEmbeddingDim(2)
                .withNormalizeEmbedding(false);
        EmbeddingNet net = new EmbeddingNet(spec, 1, 0);
        // a batch whose order differs from the data order, so picking targets by position fails
        int[] indices = {7, 2, 11, 0, 5, 9, 3, 10};
        try (Model model = Model.newInstance("student", Device.cpu())) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new StepOwnedLoss("guided",
                    Map.of())).optOptimizer(Optimizer.adam().optLearningRateTracker(
                            Tracker.fixed(0.05f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(indices.length, 1, 8, 8));
                NDManager manager = trainer.getManager();
                NDArray images = manager.randomNormal(new Shape(COUNT, 1, 8, 8))
                        .get(manager.create(indices));
                GuidedStudentStep step = new GuidedStudentStep(new NpyMatrix(COUNT, 2, targets));

                float[] before = trainer.forward(new NDList(images)).head().toFloatArray();
                double expected = 0;
                for (int i = 0; i < indices.length; i++) {
                    double dx = before[2 * i] - targets[2 * indices[i]];
                    double dy = before[2 * i + 1] - targets[2 * indices[i] + 1];
                    expected += Math.sqrt(dx * dx + dy * dy);
                }
                expected /= indices.length;

                float first = 0;
                float last = 0;
                for (int s = 0; s < 30; s++) {
                    try (NDManager scope = manager.newSubManager()) {
                        float value = step.forwardBackward(new BatchStep.Batch(trainer, net, scope,
                                images, manager.zeros(new Shape(indices.length)), indices), 0, s + 1);
                        trainer.step();
                        if (s == 0) {
                            first = value;
                            assertEquals(expected, value, 1e-4 * expected,
                                    "mean distance to the targets of the batch's own indices");
                        }
                        last = value;
                    }
                }
                assertTrue(last < 0.7 * first, "loss fell from " + first + " to " + last);
            }
        }
    }
}
