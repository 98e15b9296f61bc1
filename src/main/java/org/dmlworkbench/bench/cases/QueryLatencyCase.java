package org.dmlworkbench.bench.cases;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.Repeats;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.Embedder;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.projection.SyntheticClusters;
import org.dmlworkbench.search.GalleryIndex;
import org.dmlworkbench.search.Neighbor;

/**
 * Query latency end to end, as {@code ImageSearch.query(Path, k)} does it: read a PNG file,
 * convert it to the model's input, normalise, embed with an (untrained) hybrid1 and take the
 * top 10 of a gallery by exact search. The gallery holds seeded Gaussian-cluster embeddings of
 * the model's size (what it holds does not change the exact search's cost).
 */
public final class QueryLatencyCase implements BenchCase {

    private static final int SIDE = 28;
    private static final int TOP = 10;
    private static final int FILES = 20;

    private final int gallerySize;
    private final int warmups;
    private final int queries;

    public QueryLatencyCase(int gallerySize, int warmups, int queries) {
        this.gallerySize = gallerySize;
        this.warmups = warmups;
        this.queries = queries;
    }

    @Override
    public String name() {
        return "query " + SizeLabel.of(gallerySize);
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Engine.getInstance().setRandomSeed(42);
        ModelSpec spec = ModelSpec.preset("hybrid1");
        ImageSet images = SyntheticImages.of(FILES, 1, SIDE, 10, 5);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            Path file = context.scratch().resolve("query-" + i + ".png");
            ImageIO.write(ImageConversion.toImage(images, i), "png", file.toFile());
            files.add(file);
        }
        Normalization normalization = Normalization.fit(images);
        ConversionPolicy policy = ConversionPolicy.of(1, SIDE, SIDE);
        Embeddings gallery = SyntheticClusters.generate(gallerySize, spec.embeddingDim(), 10, 1.0, 9)
                .embeddings();
        GalleryIndex index = GalleryIndex.build(gallery, new int[gallerySize], null, "bench");
        EmbeddingNet net = new EmbeddingNet(spec, 1, 0);
        try (NDManager manager = NDManager.newBaseManager(context.device())) {
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIDE, SIDE));
            Embedder embedder = new Embedder(net, normalization, manager, 1);
            int[] next = {0};
            double[] millis = Repeats.run(warmups, queries, () -> {
                Path file = files.get(next[0]++ % files.size());
                long start = System.nanoTime();
                BufferedImage image = ImageConversion.readImage(file);
                float[] input = normalization.apply(ImageConversion.toPixels(image, policy));
                List<Neighbor> top;
                try (NDManager scope = manager.newSubManager()) {
                    NDArray batch = scope.create(input, new Shape(1, 1, SIDE, SIDE));
                    top = index.search(embedder.embedBatch(batch), TOP);
                }
                double taken = (System.nanoTime() - start) / 1e6;
                if (top.size() != TOP) {
                    throw new IllegalStateException("query returned " + top.size() + " neighbours");
                }
                return taken;
            });
            BenchStats stats = BenchStats.of(millis);
            String size = String.format(Locale.ROOT, "%,d-item gallery, top %d, %d queries",
                    gallerySize, TOP, queries);
            return List.of(
                    new BenchResult(name() + " p50", size, stats, "ms", "PNG file to top-10"),
                    new BenchResult(name() + " p99", size, BenchStats.single(stats.p99()), "ms",
                            "99th percentile of the same queries"));
        }
    }
}
