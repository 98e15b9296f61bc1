package org.dmlworkbench.bench.cases;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Locale;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.Repeats;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.LossFactory;

/**
 * The loss alone, forward and backward, on one batch of random L2-normalised embeddings and
 * logits: what a loss adds to each training step, without the network. Shows where a slowdown of
 * ms+ce over ce comes from (Multi-Similarity loss and its miner are (B, B) matrix operations).
 */
public final class LossCostCase implements BenchCase {

    private static final int CLASSES = 10;

    private final String loss;
    private final int batch;
    private final int dim;
    private final int callsPerRepeat;
    private final int warmups;
    private final int repeats;

    public LossCostCase(String loss, int batch, int dim, int callsPerRepeat, int warmups,
            int repeats) {
        this.loss = loss;
        this.batch = batch;
        this.dim = dim;
        this.callsPerRepeat = callsPerRepeat;
        this.warmups = warmups;
        this.repeats = repeats;
    }

    @Override
    public String name() {
        return "loss " + loss;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        EmbeddingLoss embeddingLoss = LossFactory.create(loss, null);
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % CLASSES;
        }
        try (NDManager manager = NDManager.newBaseManager(context.device())) {
            manager.getEngine().setRandomSeed(3);
            double[] millis = Repeats.run(warmups, repeats, () -> {
                double total = 0;
                for (int c = 0; c < callsPerRepeat; c++) {
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray raw = scope.randomNormal(new Shape(batch, dim));
                        NDArray logits = scope.randomNormal(new Shape(batch, CLASSES));
                        NDArray y = scope.create(labels);
                        raw.setRequiresGradient(true);
                        logits.setRequiresGradient(true);
                        long start = System.nanoTime();
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            NDArray embeddings = raw.div(raw.norm(new int[] {1}, true));
                            NDArray value = embeddingLoss.compute(embeddings, y, logits);
                            value.getFloat();
                            collector.backward(value);
                        }
                        total += (System.nanoTime() - start) / 1e6;
                    }
                }
                return total / callsPerRepeat;
            });
            String size = String.format(Locale.ROOT, "batch %d x %d-d, %d calls x %d", batch, dim,
                    callsPerRepeat, repeats);
            return List.of(new BenchResult(name(), size, BenchStats.of(millis), "ms/batch",
                    "forward + backward of the loss alone"));
        }
    }
}
