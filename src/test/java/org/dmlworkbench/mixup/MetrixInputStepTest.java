package org.dmlworkbench.mixup;

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
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import java.util.Map;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.loss.MetrixLoss;
import org.dmlworkbench.training.BatchStep;
import org.dmlworkbench.training.RunSetup;
import org.dmlworkbench.training.TrainingConfig;
import org.junit.jupiter.api.Test;

class MetrixInputStepTest {

    private static final int BATCH = 8;
    private static final long[] LABELS = {0, 0, 0, 1, 1, 1, 2, 2};

    @Test
    void lambdaOneMixesNothingButThePositiveImage() {
        check(1.0);
    }

    @Test
    void mixedImagesCarryTheInterpolatedLabel() {
        check(0.3);
    }

    @Test
    void chosenByMethodParameterWithCheckedValues() {
        TrainingConfig config = TrainingConfig.defaults().toBuilder().loss("ms", Map.of())
                .method("metric", null, Map.of("metrix.level", "input", "metrix.weight", "0.4")).build();
        BatchStep step = RunSetup.batchStep(config, RunSetup.loss(config), null, null);
        assertInstanceOf(MetrixInputStep.class, step);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MetrixInputStep.fromParams(LossFactory.create("ms", null),
                        Map.of("metrix.alpha", "two")));
        assertTrue(error.getMessage().contains("metrix.alpha"), error.getMessage());
    }

    /**
     * Runs the step, then rebuilds by hand: the hardest positive and negative of each anchor, the
     * mixed image lambda x_p + (1 - lambda) x_n built element by element, its embedding, and the
     * soft-label MS term in double precision.
     */
    private static void check(double lambda) {
        EmbeddingLoss clean = LossFactory.create("ms", null);
        Engine.getInstance().setRandomSeed(6);
        try (Model model = Model.newInstance("metrix")) {
            model.setBlock(new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                    .add(Activation::relu)
                    .add(Pool.globalAvgPool2dBlock())
                    .add(Linear.builder().setUnits(6).build())
                    .add(x -> new NDList(x.head().normalize(2, 1))));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(clean));
                    NDManager scope = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(BATCH, 1, 6, 6));
                NDArray images = scope.randomNormal(new Shape(BATCH, 1, 6, 6));
                NDArray labels = scope.create(LABELS);
                MetrixInputStep step = new MetrixInputStep(clean, MetrixLoss.Form.MS, 2, 0.4, lambda);
                float value = step.forwardBackward(
                        new BatchStep.Batch(trainer, null, scope, images, labels, new int[BATCH]), 0, 1);

                NDArray embeddings = trainer.forward(new NDList(images)).head();
                double cleanValue = clean.evaluate(new NDList(labels), new NDList(embeddings)).getFloat();
                float[] e = embeddings.toFloatArray();
                float[] pixels = images.toFloatArray();
                int[][] pairs = MixPartners.hardest(embeddings, LABELS);
                assertEquals(BATCH, pairs.length);
                double mixedSum = 0;
                for (int[] pair : pairs) {
                    float[] mixedImage = new float[36];
                    for (int i = 0; i < 36; i++) {
                        mixedImage[i] = (float) (lambda * pixels[pair[1] * 36 + i]
                                + (1 - lambda) * pixels[pair[2] * 36 + i]);
                    }
                    float[] u = trainer.forward(new NDList(scope.create(mixedImage, new Shape(1, 1, 6, 6))))
                            .head().toFloatArray();
                    double s = 0;
                    for (int d = 0; d < 6; d++) {
                        s += e[pair[0] * 6 + d] * u[d];
                    }
                    mixedSum += Math.log(1 + lambda * Math.exp(-2 * (s - 0.5))) / 2
                            + Math.log(1 + (1 - lambda) * Math.exp(50 * (s - 0.5))) / 50;
                }
                assertEquals(cleanValue + 0.4 * mixedSum / pairs.length, value, 1e-5);
            }
        }
    }
}
