package org.dmlworkbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.loss.MetrixLoss;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSpec;
import org.junit.jupiter.api.Test;

/**
 * Metrix's input and feature levels with the authors' pairs (issue 18, item 6): at the input level
 * every positive pair with its anchor's hardest negative, at the feature level every positive pair
 * with every negative, the latter in closed form.
 */
class MetrixAuthorsMixingTest {

    private static final int BATCH = 8;
    private static final long[] LABELS = {0, 0, 0, 1, 1, 1, 2, 2};
    private static final double WEIGHT = 0.4;

    /**
     * The input level rebuilt by hand: for each anchor its hardest negative (highest cosine among
     * the other classes, found here by a loop), every positive p != a, the image
     * lambda x_p + (1 - lambda) x_n built element by element and embedded alone, and the MS form
     * per anchor over its mixed items in double precision: 14 mixed images for these labels.
     */
    @Test
    void theInputLevelMixesEveryPositivePairWithItsAnchorsHardestNegative() {
        double lambda = 0.3;
        EmbeddingLoss clean = LossFactory.create("ms", null);
        Engine.getInstance().setRandomSeed(6);
        try (Model model = Model.newInstance("metrix-input")) {
            model.setBlock(StepFixtures.smallConvNet(4, 6));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(clean));
                    NDManager scope = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(BATCH, 1, 6, 6));
                NDArray images = scope.randomNormal(new Shape(BATCH, 1, 6, 6));
                NDArray labels = scope.create(LABELS);
                MetrixStep step = new MetrixStep(MetrixStep.Level.INPUT, MetrixStep.Mixing.AUTHORS,
                        clean, MetrixLoss.Form.MS, 2, WEIGHT, lambda);
                float value = step.forwardBackward(
                        new BatchStep.Batch(trainer, null, scope, images, labels, new int[BATCH]), 0, 1);

                NDArray embeddings = trainer.forward(new NDList(images)).head();
                double cleanValue = clean.evaluate(new NDList(labels), new NDList(embeddings)).getFloat();
                float[] e = embeddings.toFloatArray();
                float[] pixels = images.toFloatArray();
                int mixedImages = 0;
                double anchorSum = 0;
                for (int a = 0; a < BATCH; a++) {
                    int negative = -1;
                    for (int x = 0; x < BATCH; x++) {
                        if (LABELS[x] != LABELS[a]
                                && (negative < 0 || dot(e, a, x) > dot(e, a, negative))) {
                            negative = x;
                        }
                    }
                    List<float[]> mixed = new ArrayList<>();
                    for (int p = 0; p < BATCH; p++) {
                        if (p == a || LABELS[p] != LABELS[a]) {
                            continue;
                        }
                        float[] image = new float[36];
                        for (int i = 0; i < 36; i++) {
                            image[i] = (float) (lambda * pixels[p * 36 + i]
                                    + (1 - lambda) * pixels[negative * 36 + i]);
                        }
                        mixed.add(trainer.forward(new NDList(scope.create(image, new Shape(1, 1, 6, 6))))
                                .head().toFloatArray());
                    }
                    mixedImages += mixed.size();
                    anchorSum += softMultiSimilarity(e, a, mixed, lambda);
                }
                assertEquals(14, mixedImages);
                assertEquals(cleanValue + WEIGHT * anchorSum / BATCH, value, 1e-5);
                assertEquals(14, MixPartners.everyPositiveWithHardestNegative(embeddings, LABELS).length);
            }
        }
    }

    @Test
    void theFeatureLevelInClosedFormIsEveryMixedMapThroughTheHeadInMultiSimilarityForm() {
        checkFeatureLevel(MetrixLoss.Form.MS, 0.3);
    }

    @Test
    void theFeatureLevelInClosedFormIsEveryMixedMapThroughTheHeadInContrastiveForm() {
        checkFeatureLevel(MetrixLoss.Form.CONTRASTIVE, 0.7);
    }

    /**
     * The closed form against the definition on a small hybrid network: every (a, p, n) of the
     * batch, the map lambda F_p + (1 - lambda) F_n built element by element and sent through
     * pooling, embedding layer and normalisation on its own; the value of the mixed term in double
     * precision. Then the gradient: the same term built with every mixed map through the head under
     * autograd gives the parameters the same gradients as the step (which never builds a map).
     */
    private static void checkFeatureLevel(MetrixLoss.Form form, double lambda) {
        EmbeddingLoss clean = LossFactory.create("ms", null);
        Engine.getInstance().setRandomSeed(8);
        ModelSpec spec = ModelSpec.preset("hybrid1").withLayout(1, List.of(4, 8)).withEmbeddingDim(6);
        EmbeddingNet net = new EmbeddingNet(spec, 1, 0);
        try (Model model = Model.newInstance("metrix-feature-all")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(clean));
                    NDManager scope = model.getNDManager().newSubManager()) {
                trainer.initialize(new Shape(BATCH, 1, 12, 12));
                NDArray images = scope.randomNormal(new Shape(BATCH, 1, 12, 12));
                NDArray labels = scope.create(LABELS);
                MetrixStep step = new MetrixStep(MetrixStep.Level.FEATURE, MetrixStep.Mixing.AUTHORS,
                        clean, form, 2, WEIGHT, lambda);
                float value = step.forwardBackward(
                        new BatchStep.Batch(trainer, net, scope, images, labels, new int[BATCH]), 0, 1);
                Map<String, float[]> stepGradients = StepFixtures.takeGradients(model);

                ParameterStore store = new ParameterStore(scope, false);
                List<int[]> triples = new ArrayList<>();
                for (int a = 0; a < BATCH; a++) {
                    for (int p = 0; p < BATCH; p++) {
                        for (int n = 0; n < BATCH; n++) {
                            if (p != a && LABELS[p] == LABELS[a] && LABELS[n] != LABELS[a]) {
                                triples.add(new int[] {a, p, n});
                            }
                        }
                    }
                }
                assertEquals(2 * (3 * 2 * 5) + 2 * 1 * 6, triples.size());
                float explicitValue;
                double referenceMixed;
                double cleanValue;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray maps = net.featureMap(store, images, true);
                    NDArray embeddings = net.fromFeatureMap(store, maps, true).head();
                    NDArray cleanLoss = clean.evaluate(new NDList(labels), new NDList(embeddings));
                    cleanValue = cleanLoss.getFloat();
                    long[] positives = triples.stream().mapToLong(t -> t[1]).toArray();
                    long[] negatives = triples.stream().mapToLong(t -> t[2]).toArray();
                    NDArray mixedMaps = maps.get(scope.create(positives)).mul((float) lambda)
                            .add(maps.get(scope.create(negatives)).mul((float) (1 - lambda)));
                    NDArray mixed = net.fromFeatureMap(store, mixedMaps, true).head();
                    referenceMixed = referenceTerm(form, lambda, embeddings.toFloatArray(),
                            mixed.toFloatArray(), triples);
                    NDArray mixedTerm = explicitTerm(form, lambda, embeddings, mixed, triples, scope);
                    assertEquals(referenceMixed, mixedTerm.getFloat(), 1e-5, "autograd form of the term");
                    NDArray total = cleanLoss.add(mixedTerm.mul((float) WEIGHT));
                    explicitValue = total.getFloat();
                    collector.backward(total);
                }
                assertEquals(cleanValue + WEIGHT * referenceMixed, value, 1e-5, "the step's value");
                assertEquals(explicitValue, value, 1e-5);
                Map<String, float[]> explicitGradients = StepFixtures.takeGradients(model);
                double largest = 0;
                for (Map.Entry<String, float[]> entry : explicitGradients.entrySet()) {
                    float[] expected = entry.getValue();
                    float[] actual = stepGradients.get(entry.getKey());
                    for (int i = 0; i < expected.length; i++) {
                        largest = Math.max(largest, Math.abs(expected[i]));
                        assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])),
                                entry.getKey() + "[" + i + "]");
                    }
                }
                assertTrue(largest > 1e-3, "the gradients compared are not all zero: " + largest);
            }
        }
    }

    @Test
    void theMixingIsAChosenParameterAndLargeBatchesAreRefused() {
        TrainingConfig config = TrainingConfig.defaults().toBuilder().loss("ms", Map.of())
                .method("metric", null, Map.of("metrix.level", "feature")).build();
        String described = RunSetup.batchStep(config, RunSetup.loss(config), null, null).toString();
        assertTrue(described.contains("every positive pair with every negative"), described);
        TrainingConfig oneEach = config.toBuilder().method("metric", null,
                Map.of("metrix.level", "input", "metrix.mixing", "one-per-anchor")).build();
        described = RunSetup.batchStep(oneEach, RunSetup.loss(oneEach), null, null).toString();
        assertTrue(described.contains("hardest positive with its hardest negative"), described);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> config.toBuilder().method("metric", null,
                        Map.of("metrix.level", "input", "metrix.mixing", "every")).build());
        assertTrue(bad.getMessage().contains("metrix.mixing must be authors or one-per-anchor"),
                bad.getMessage());
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                () -> config.toBuilder().batchSize(1024).sampler("m-per-class", 16).build());
        assertTrue(large.getMessage().contains("--batch 1024")
                && large.getMessage().contains("metrix.mixing=one-per-anchor"), large.getMessage());
        config.toBuilder().batchSize(1024).sampler("m-per-class", 16).method("metric", null,
                Map.of("metrix.level", "feature", "metrix.mixing", "one-per-anchor")).build();
    }

    /** The mixed term with autograd: per-anchor rows over its own triples, as the definition. */
    private static NDArray explicitTerm(MetrixLoss.Form form, double lambda, NDArray embeddings,
            NDArray mixed, List<int[]> triples, NDManager scope) {
        int count = triples.size();
        if (form == MetrixLoss.Form.MS) {
            boolean[] own = new boolean[BATCH * count];
            for (int j = 0; j < count; j++) {
                own[triples.get(j)[0] * count + j] = true;
            }
            NDArray similarity = embeddings.normalize(2, 1).matMul(mixed.normalize(2, 1).transpose());
            return MetrixLoss.multiSimilarity(similarity, scope.create(own, new Shape(BATCH, count)), lambda);
        }
        long[] anchors = triples.stream().mapToLong(t -> t[0]).toArray();
        NDArray distance = embeddings.get(scope.create(anchors)).sub(mixed).square()
                .sum(new int[] {1}, true).add(1e-12f).sqrt();
        return MetrixLoss.contrastive(distance, scope.ones(new Shape(count, 1))
                .toType(ai.djl.ndarray.types.DataType.BOOLEAN, false), lambda, MetrixLoss.DEFAULT_NEG_MARGIN);
    }

    /** The mixed term in double: MS per anchor, mean over anchors; contrastive, the authors' means. */
    private static double referenceTerm(MetrixLoss.Form form, double lambda, float[] e, float[] u,
            List<int[]> triples) {
        int dim = 6;
        if (form == MetrixLoss.Form.MS) {
            double[] positive = new double[BATCH];
            double[] negative = new double[BATCH];
            for (int j = 0; j < triples.size(); j++) {
                int a = triples.get(j)[0];
                double s = cosine(e, a, u, j, dim);
                positive[a] += lambda * Math.exp(-2 * (s - 0.5));
                negative[a] += (1 - lambda) * Math.exp(50 * (s - 0.5));
            }
            double sum = 0;
            for (int a = 0; a < BATCH; a++) {
                sum += Math.log(1 + positive[a]) / 2 + Math.log(1 + negative[a]) / 50;
            }
            return sum / BATCH;
        }
        double pull = 0;
        double push = 0;
        int pulls = 0;
        int pushes = 0;
        for (int j = 0; j < triples.size(); j++) {
            int a = triples.get(j)[0];
            double squared = 0;
            for (int k = 0; k < dim; k++) {
                double difference = e[a * dim + k] - u[j * dim + k];
                squared += difference * difference;
            }
            double d = Math.sqrt(squared);
            if (lambda * d > 0) {
                pull += lambda * d;
                pulls++;
            }
            double hinge = (1 - lambda) * Math.max(0, MetrixLoss.DEFAULT_NEG_MARGIN - d);
            if (hinge > 0) {
                push += hinge;
                pushes++;
            }
        }
        return pull / Math.max(pulls, 1) + push / Math.max(pushes, 1);
    }

    private static double cosine(float[] e, int a, float[] u, int j, int dim) {
        double dot = 0;
        double ee = 0;
        double uu = 0;
        for (int k = 0; k < dim; k++) {
            dot += e[a * dim + k] * (double) u[j * dim + k];
            ee += e[a * dim + k] * (double) e[a * dim + k];
            uu += u[j * dim + k] * (double) u[j * dim + k];
        }
        return dot / Math.sqrt(ee * uu);
    }

    private static double dot(float[] e, int a, int b) {
        double sum = 0;
        for (int k = 0; k < 6; k++) {
            sum += e[a * 6 + k] * (double) e[b * 6 + k];
        }
        return sum;
    }

    /** Per anchor, MS over its mixed items in double, as in MetrixStepTest for one item. */
    private static double softMultiSimilarity(float[] e, int anchor, List<float[]> mixed, double lambda) {
        double positive = 0;
        double negative = 0;
        for (float[] u : mixed) {
            double s = 0;
            for (int d = 0; d < 6; d++) {
                s += e[anchor * 6 + d] * u[d];
            }
            positive += lambda * Math.exp(-2 * (s - 0.5));
            negative += (1 - lambda) * Math.exp(50 * (s - 0.5));
        }
        return Math.log(1 + positive) / 2 + Math.log(1 + negative) / 50;
    }
}
