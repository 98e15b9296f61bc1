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
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.loss.MetrixLoss;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.config.TrainingConfig;
import org.junit.jupiter.api.Test;

class MetrixStepTest {

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
    void lambdaOneMixesNothingButThePositiveFeatureMap() {
        checkFeatureLevel(1.0);
    }

    @Test
    void mixedFeatureMapsCarryTheInterpolatedLabel() {
        checkFeatureLevel(0.3);
    }

    @Test
    void chosenByMethodParameterWithCheckedValues() {
        TrainingConfig config = TrainingConfig.defaults().toBuilder().loss("ms", Map.of())
                .method("metric", null, Map.of("metrix.level", "input", "metrix.weight", "0.4")).build();
        BatchStep step = RunSetup.batchStep(config, RunSetup.loss(config), null, null);
        assertInstanceOf(MetrixStep.class, step);
        assertTrue(step.toString().startsWith("Metrix input level"), step.toString());
        TrainingConfig feature = config.toBuilder()
                .method("metric", null, Map.of("metrix.level", "feature")).build();
        assertTrue(RunSetup.batchStep(feature, RunSetup.loss(feature), null, null).toString()
                .startsWith("Metrix feature level"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MetrixStep.fromParams(LossFactory.create("ms", null),
                        Map.of("metrix.level", "input", "metrix.alpha", "two")));
        assertTrue(error.getMessage().contains("metrix.alpha"), error.getMessage());
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> MetrixStep.fromParams(LossFactory.create("ms", null),
                        Map.of("metrix.level", "embedding")));
        assertTrue(level.getMessage().contains("ms+metrix"), level.getMessage());
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
            model.setBlock(StepFixtures.smallConvNet(4, 6));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(clean));
                    NDManager scope = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(BATCH, 1, 6, 6));
                NDArray images = scope.randomNormal(new Shape(BATCH, 1, 6, 6));
                NDArray labels = scope.create(LABELS);
                MetrixStep step = new MetrixStep(MetrixStep.Level.INPUT,
                        MetrixStep.Mixing.ONE_PER_ANCHOR, clean, MetrixLoss.Form.MS, 2,
                        0.4, lambda);
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
                    mixedSum += softMultiSimilarity(e, pair[0], u, 6, lambda);
                }
                assertEquals(cleanValue + 0.4 * mixedSum / pairs.length, value, 1e-5);
            }
        }
    }

    /**
     * The same at the feature level on a small hybrid network: the feature maps of the clean batch,
     * the mixed map lambda F_p + (1 - lambda) F_n built element by element, then pooling,
     * embedding layer and normalisation on it alone (nothing after the map depends on the batch).
     */
    private static void checkFeatureLevel(double lambda) {
        EmbeddingLoss clean = LossFactory.create("ms", null);
        Engine.getInstance().setRandomSeed(8);
        ModelSpec spec = ModelSpec.preset("hybrid1").withLayout(1, List.of(4, 8)).withEmbeddingDim(6);
        EmbeddingNet net = new EmbeddingNet(spec, 1, 0);
        try (Model model = Model.newInstance("metrix-feature")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(clean));
                    NDManager scope = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(BATCH, 1, 12, 12));
                NDArray images = scope.randomNormal(new Shape(BATCH, 1, 12, 12));
                NDArray labels = scope.create(LABELS);
                MetrixStep step = new MetrixStep(MetrixStep.Level.FEATURE,
                        MetrixStep.Mixing.ONE_PER_ANCHOR, clean, MetrixLoss.Form.MS,
                        2, 0.4, lambda);
                float value = step.forwardBackward(
                        new BatchStep.Batch(trainer, net, scope, images, labels, new int[BATCH]), 0, 1);

                ParameterStore store = new ParameterStore(scope, false);
                NDArray maps = net.featureMap(store, images, true);
                NDArray embeddings = net.fromFeatureMap(store, maps, true).head();
                double cleanValue = clean.evaluate(new NDList(labels), new NDList(embeddings)).getFloat();
                float[] e = embeddings.toFloatArray();
                float[] f = maps.toFloatArray();
                Shape one = new Shape(1).addAll(maps.getShape().slice(1));
                int size = (int) one.size();
                int[][] pairs = MixPartners.hardest(embeddings, LABELS);
                double mixedSum = 0;
                for (int[] pair : pairs) {
                    float[] mixedMap = new float[size];
                    for (int i = 0; i < size; i++) {
                        mixedMap[i] = (float) (lambda * f[pair[1] * size + i]
                                + (1 - lambda) * f[pair[2] * size + i]);
                    }
                    float[] u = net.fromFeatureMap(store, scope.create(mixedMap, one), true).head()
                            .toFloatArray();
                    if (lambda == 1.0) {
                        for (int d = 0; d < 6; d++) {
                            assertEquals(e[pair[1] * 6 + d], u[d], 1e-6, "mixed = the positive");
                        }
                    }
                    mixedSum += softMultiSimilarity(e, pair[0], u, 6, lambda);
                }
                assertEquals(cleanValue + 0.4 * mixedSum / pairs.length, value, 1e-5);
            }
        }
    }

    /** The Metrix MS term of one (anchor, mixed item) pair with label lambda, in double. */
    private static double softMultiSimilarity(float[] e, int anchor, float[] u, int dim,
            double lambda) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            s += e[anchor * dim + d] * u[d];
        }
        return Math.log(1 + lambda * Math.exp(-2 * (s - 0.5))) / 2
                + Math.log(1 + (1 - lambda) * Math.exp(50 * (s - 0.5))) / 50;
    }
}
