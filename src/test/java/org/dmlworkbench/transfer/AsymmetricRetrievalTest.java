package org.dmlworkbench.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.evaluation.RetrievalEvaluator;
import org.dmlworkbench.evaluation.RetrievalMetrics;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.Embedder;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class AsymmetricRetrievalTest {

    private static final ModelSpec TINY = ModelSpec.preset("cnn").withLayout(0, List.of(4, 8))
            .withEmbeddingDim(3);

    private static ImageSet images(int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] pixels = new byte[count * 64];
        random.nextBytes(pixels);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
        }
        return new ImageSet(1, 8, 8, pixels, labels, List.of("a", "b", "c"), null);
    }

    private static EmbeddingNet net(NDManager manager, int seed) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(seed);
        EmbeddingNet net = new EmbeddingNet(TINY, 1, 0);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
        return net;
    }

    @Test
    void teacherEqualToStudentGivesTheSymmetricMetricsExactly() {
        ImageSet set = images(30, 1);
        Normalization normalization = Normalization.fit(set);
        RetrievalEvaluator evaluator = new RetrievalEvaluator(RetrievalEvaluator.Options.defaults());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            EmbeddingNet net = net(manager, 3);
            Embedder student = new Embedder(net, normalization, manager, 7);
            Embedder teacher = new Embedder(net, normalization, manager, 11);
            RetrievalMetrics asymmetric = AsymmetricRetrieval.evaluate(student, teacher, set, null,
                    evaluator, ProgressListener.NONE, Cancellation.none());
            Embeddings vectors = student.embed(set, ProgressListener.NONE, Cancellation.none());
            RetrievalMetrics symmetric = evaluator.evaluate(vectors, set.labels());
            assertEquals(symmetric.toJsonMap(), asymmetric.toJsonMap());
        }
    }

    /**
     * Queries from one space, gallery from another: P@1 against a brute-force double loop in which
     * query i's own item is skipped.
     */
    @Test
    void queriesAndGalleryFromDifferentModelsExcludeTheQueryItsSelf() {
        ImageSet set = images(24, 2);
        Normalization normalization = Normalization.fit(set);
        RetrievalEvaluator evaluator = new RetrievalEvaluator(RetrievalEvaluator.Options.defaults()
                .withClustering(false));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Embedder student = new Embedder(net(manager, 5), normalization, manager, 8);
            Embedder teacher = new Embedder(net(manager, 6), normalization, manager, 8);
            Embeddings q = student.embed(set, ProgressListener.NONE, Cancellation.none());
            Embeddings g = teacher.embed(set, ProgressListener.NONE, Cancellation.none());
            RetrievalMetrics metrics = AsymmetricRetrieval.evaluate(student, teacher, set, null,
                    evaluator, ProgressListener.NONE, Cancellation.none());
            int correct = 0;
            for (int i = 0; i < q.count(); i++) {
                int best = -1;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int j = 0; j < g.count(); j++) {
                    if (j == i) {
                        continue;
                    }
                    double d = 0;
                    for (int c = 0; c < q.dim(); c++) {
                        d += Math.pow(q.get(i, c) - g.get(j, c), 2);
                    }
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = j;
                    }
                }
                correct += set.label(best) == set.label(i) ? 1 : 0;
            }
            assertEquals(correct / (double) q.count(), metrics.precisionAt1(), 1e-9);
            assertNotEquals(q.row(0)[0], g.row(0)[0]);
        }
    }
}
