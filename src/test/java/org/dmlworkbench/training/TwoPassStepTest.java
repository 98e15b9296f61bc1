package org.dmlworkbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.junit.jupiter.api.Test;
import org.dmlworkbench.config.TrainingConfig;

/**
 * The two-pass gradients against one ordinary pass (a model without BatchNorm), and, with
 * BatchNorm, against one graph that embeds each chunk in its own forward call: the equality that
 * holds there, since each chunk is normalised with its own statistics.
 */
class TwoPassStepTest {

    private static final int BATCH = 12;

    @Test
    void twoPassGradientsEqualOnePassForRecallSurrogate() {
        compare("rsk", 5);
    }

    @Test
    void twoPassGradientsEqualOnePassForMultiSimilarity() {
        compare("ms", 4);
    }

    @Test
    void chunksMixTheClassesOfAClassBlockedBatch() {
        // an m-per-class batch of 4,096: classes in blocks of 4, 16 chunks of 256
        long[] order = TwoPassStep.mixedOrder(4096, 256);
        for (int chunk = 0; chunk < 16; chunk++) {
            java.util.Set<Long> classes = new java.util.HashSet<>();
            for (int i = chunk * 256; i < (chunk + 1) * 256; i++) {
                classes.add(order[i] / 4);
            }
            assertEquals(256, classes.size(), "chunk " + chunk + " holds one image of 256 classes");
        }
        assertEquals(4096, java.util.Arrays.stream(order).distinct().count(), "a permutation");
        assertEquals(java.util.List.of(0L, 3L, 6L, 9L, 1L, 4L),
                java.util.Arrays.stream(TwoPassStep.mixedOrder(12, 5)).boxed().toList().subList(0, 6));
    }

    @Test
    void withBatchNormTheGradientsAndRunningStatisticsAreThoseOfOneForwardPerChunk() {
        EmbeddingLoss loss = LossFactory.create("ms", null);
        Engine.getInstance().setRandomSeed(5);
        int chunk = 4;
        try (Model model = Model.newInstance("two-pass-bn")) {
            model.setBlock(new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(6).build())
                    .add(ai.djl.nn.norm.BatchNorm.builder().build())
                    .add(Activation::relu)
                    .add(Pool.globalAvgPool2dBlock())
                    .add(Linear.builder().setUnits(8).build())
                    .add(x -> new NDList(x.head().normalize(2, 1))));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss));
                    NDManager scope = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(BATCH, 1, 7, 7));
                NDArray images = scope.randomNormal(new Shape(BATCH, 1, 7, 7));
                // class blocks, as an m-per-class sampler writes them
                NDArray labels = scope.create(new long[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2});
                Map<String, float[]> initialStatistics = statistics(model);

                float twoPassLoss = new TwoPassStep(loss, chunk).forwardBackward(
                        new BatchStep.Batch(trainer, null, scope, images, labels, new int[BATCH]), 0, 1);
                Map<String, float[]> twoPass = StepFixtures.takeGradients(model);
                Map<String, float[]> twoPassStatistics = statistics(model);

                setStatistics(model, initialStatistics);
                long[] order = TwoPassStep.mixedOrder(BATCH, chunk);
                NDArray ordered = images.get(scope.create(order));
                NDArray orderedLabels = labels.get(scope.create(order));
                float referenceLoss;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList parts = new NDList();
                    for (int from = 0; from < BATCH; from += chunk) {
                        parts.add(trainer.forward(new NDList(ordered.get(from + ":" + (from + chunk)))).head());
                    }
                    NDArray value = loss.evaluate(new NDList(orderedLabels),
                            new NDList(ai.djl.ndarray.NDArrays.concat(parts, 0)));
                    referenceLoss = value.getFloat();
                    collector.backward(value);
                }
                Map<String, float[]> reference = StepFixtures.takeGradients(model);
                assertEquals(referenceLoss, twoPassLoss, 1e-6);
                double largest = 0;
                for (Map.Entry<String, float[]> entry : reference.entrySet()) {
                    float[] expected = entry.getValue();
                    float[] actual = twoPass.get(entry.getKey());
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], actual[i], 1e-5, entry.getKey() + "[" + i + "]");
                        largest = Math.max(largest, Math.abs(expected[i]));
                    }
                }
                assertTrue(largest > 1e-4, "the comparison needs non-zero gradients, largest " + largest);
                Map<String, float[]> referenceStatistics = statistics(model);
                for (Map.Entry<String, float[]> entry : referenceStatistics.entrySet()) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(entry.getValue(),
                            twoPassStatistics.get(entry.getKey()), 1e-6f,
                            entry.getKey() + ": running statistics updated once per chunk");
                    assertTrue(!java.util.Arrays.equals(entry.getValue(), initialStatistics.get(entry.getKey())),
                            entry.getKey() + " moved");
                }
            }
        }
    }

    private static Map<String, float[]> statistics(Model model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            Parameter.Type type = parameter.getValue().getType();
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }

    private static void setStatistics(Model model, Map<String, float[]> values) {
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            float[] value = values.get(parameter.getKey());
            if (value != null) {
                NDArray array = parameter.getValue().getArray();
                array.set(new ai.djl.ndarray.index.NDIndex("..."), array.getManager().create(value, array.getShape()));
            }
        }
    }

    @Test
    void refusesLossesThatReadLogits() {
        EmbeddingLoss loss = LossFactory.create("ms+ce", null);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TwoPassStep(loss, 8));
        assertTrue(error.getMessage().contains("classifier"), error.getMessage());
    }

    @Test
    void runSetupPicksTwoPassWhenAChunkIsGiven() {
        TrainingConfig config = TrainingFixtures.tinyConfig().toBuilder().loss("rsk", Map.of()).chunkSize(16)
                .build();
        EmbeddingLoss loss = RunSetup.loss(config);
        assertInstanceOf(TwoPassStep.class, RunSetup.batchStep(config, loss, null, null));
    }

    private static void compare(String lossName, int chunk) {
        EmbeddingLoss loss = LossFactory.create(lossName, null);
        Engine.getInstance().setRandomSeed(4);
        try (Model model = Model.newInstance("two-pass")) {
            model.setBlock(StepFixtures.smallConvNet(6, 8));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss));
                    NDManager scope = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(BATCH, 1, 7, 7));
                NDArray images = scope.randomNormal(new Shape(BATCH, 1, 7, 7));
                NDArray labels = scope.create(new long[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2});
                float onePassLoss;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray value = loss.evaluate(new NDList(labels),
                            trainer.forward(new NDList(images)));
                    onePassLoss = value.getFloat();
                    collector.backward(value);
                }
                Map<String, float[]> onePass = StepFixtures.takeGradients(model);
                float twoPassLoss = new TwoPassStep(loss, chunk).forwardBackward(
                        new BatchStep.Batch(trainer, null, scope, images, labels, new int[BATCH]), 0, 1);
                Map<String, float[]> twoPass = StepFixtures.takeGradients(model);
                assertEquals(onePassLoss, twoPassLoss, 1e-6);
                double largest = 0;
                for (Map.Entry<String, float[]> entry : onePass.entrySet()) {
                    float[] expected = entry.getValue();
                    float[] actual = twoPass.get(entry.getKey());
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], actual[i], 1e-5, entry.getKey() + "[" + i + "]");
                        largest = Math.max(largest, Math.abs(expected[i]));
                    }
                }
                assertTrue(largest > 1e-4, "the comparison needs non-zero gradients, largest " + largest);
            }
        }
    }
}
