package org.dmlworkbench.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradients must not depend on when the Java garbage collector runs. DJL's number arithmetic
 * ({@code x.mul(2f)}) let autograd keep a tensor viewing a freed Java buffer, so the backward pass
 * read whatever the memory held by then: with a collector running all the time, Multi-Similarity
 * gave a different (often 1e30-sized) gradient in 149 of 150 repeats, and in normal runs about
 * one step in a thousand went wrong, which made resumed runs differ from uninterrupted ones.
 * Every loss is computed repeatedly on the same embeddings while another thread forces
 * collections; every gradient must equal the first, bit for bit.
 */
class GradientsUnderGcPressureTest {

    private static final int REPEATS = 25;
    private Thread collector;

    @BeforeEach
    void startCollecting() {
        collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-pressure");
        collector.setDaemon(true);
        collector.start();
    }

    @AfterEach
    void stopCollecting() throws InterruptedException {
        collector.interrupt();
        collector.join();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ms", "ms+ce", "contrastive", "triplet", "margin", "rsk",
        "ms:0.5,ce:1"})
    void metricLossGradientsAreTheSameWhateverTheCollectorDoes(String expression) {
        EmbeddingLoss loss = LossFactory.parse(expression, Map.of()).build();
        assertStableGradients(embeddings -> {
            NDManager manager = embeddings.getManager();
            NDArray labels = manager.create(labels(embeddings.getShape().get(0)));
            // logits that depend on the embeddings, so a cross-entropy term has a gradient too
            NDArray logits = embeddings.get(":, :5");
            return loss.evaluate(new NDList(labels), new NDList(embeddings, logits));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"asym-reg", "asym-contr", "asym-contr+", "asym-triplet", "asym-ms",
        "rkd", "darkrank"})
    void asymmetricLossGradientsAreTheSameWhateverTheCollectorDoes(String expression) {
        EmbeddingLoss loss = LossFactory.create(expression, Map.of());
        assertStableGradients(student -> {
            NDManager manager = student.getManager();
            long rows = student.getShape().get(0);
            NDArray teacher = manager.create(values(rows, student.getShape().get(1), 99))
                    .reshape(student.getShape());
            teacher = teacher.div(teacher.norm(new int[] {1}, true));
            return loss.compute(student, manager.create(labels(rows)), null, teacher);
        });
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-12, 2.5})
    void numberArithmeticKeepsItsOperandForTheBackwardPass(double floor) {
        assertStableGradients(x -> Scalars.mul(Scalars.max(Scalars.div(x, 3), floor), 7).sum());
    }

    private static void assertStableGradients(Function<NDArray, NDArray> lossOf) {
        float[] first = null;
        for (int repeat = 0; repeat < REPEATS; repeat++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray embeddings = manager.create(values(32, 16, 7)).reshape(new Shape(32, 16));
                embeddings = embeddings.div(embeddings.norm(new int[] {1}, true));
                embeddings.setRequiresGradient(true);
                float[] gradient;
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray value = lossOf.apply(embeddings);
                    // give the collector time to free what autograd still needs
                    System.gc();
                    collector.backward(value);
                }
                gradient = embeddings.getGradient().toFloatArray();
                if (first == null) {
                    first = gradient;
                } else {
                    assertArrayEquals(first, gradient, "gradient of repeat " + repeat
                            + " differs from the first");
                }
            }
        }
    }

    private static long[] labels(long rows) {
        long[] labels = new long[(int) rows];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 4;
        }
        return labels;
    }

    private static float[] values(long rows, long columns, long seed) {
        Random random = new Random(seed);
        float[] values = new float[(int) (rows * columns)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
