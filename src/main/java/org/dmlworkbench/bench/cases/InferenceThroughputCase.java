package org.dmlworkbench.bench.cases;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.Repeats;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.Embedder;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/** Inference throughput: the {@link Embedder} (batches of 256) over seeded random images. */
public final class InferenceThroughputCase implements BenchCase {

    private static final int BATCH = 256;

    private final String label;
    private final ModelSpec model;
    private final int channels;
    private final int side;
    private final int images;
    private final int warmups;
    private final int repeats;

    public InferenceThroughputCase(String label, ModelSpec model, int channels, int side, int images,
            int warmups, int repeats) {
        this.label = label;
        this.model = model;
        this.channels = channels;
        this.side = side;
        this.images = images;
        this.warmups = warmups;
        this.repeats = repeats;
    }

    @Override
    public String name() {
        return "infer " + label + " " + SyntheticImages.shape(channels, side);
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Engine.getInstance().setRandomSeed(42);
        ImageSet set = SyntheticImages.of(images, channels, side, 10, 11);
        Normalization normalization = Normalization.fit(set);
        EmbeddingNet net = new EmbeddingNet(model, channels, 0);
        try (NDManager manager = NDManager.newBaseManager(context.device())) {
            net.initialize(manager, DataType.FLOAT32, new Shape(1, channels, side, side));
            Embedder embedder = new Embedder(net, normalization, manager, BATCH);
            double[] rates = Repeats.run(warmups, repeats, () -> {
                long start = System.nanoTime();
                embedder.embed(set, ProgressListener.NONE, Cancellation.none());
                return images / ((System.nanoTime() - start) / 1e9);
            });
            String size = String.format(Locale.ROOT, "%,d images, batch %d", images, BATCH);
            return List.of(new BenchResult(name(), size, BenchStats.of(rates), "embeddings/s", ""));
        }
    }
}
