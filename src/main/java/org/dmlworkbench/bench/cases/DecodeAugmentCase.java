package org.dmlworkbench.bench.cases;

import java.util.List;
import java.util.Locale;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.data.Augmentation;
import org.dmlworkbench.data.BatchLoader;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.data.ShuffleSampler;

/**
 * The file pipeline alone, no model: JPEG photographs of 500x375 read from disk (the decode
 * cache held to nothing, as a collection far larger than memory would), decoded, given the
 * training view (random resized crop to 224x224, flip) and normalised, on the loader's threads.
 * What a training step at 224 px can be fed per second on this machine.
 */
public final class DecodeAugmentCase implements BenchCase {

    private final int images;
    private final int side;
    private final int repeats;

    public DecodeAugmentCase(int images, int side, int repeats) {
        this.images = images;
        this.side = side;
        this.repeats = repeats;
    }

    @Override
    public String name() {
        return "decode+augment jpeg 500x375 to " + side;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        java.nio.file.Path folder = context.scratch().resolve("photos-" + images);
        SyntheticPhotos.write(folder, images, 20, 500, 375, 1);
        String previous = System.getProperty("dmlwb.decodeCacheMb");
        System.setProperty("dmlwb.decodeCacheMb", "0");
        ImageSet train;
        try {
            Dataset data = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true)
                    .withConversion(ConversionPolicy.of(3, side, side))).load(folder.toString());
            train = data.train();
        } finally {
            if (previous == null) {
                System.clearProperty("dmlwb.decodeCacheMb");
            } else {
                System.setProperty("dmlwb.decodeCacheMb", previous);
            }
        }
        Normalization normalization = Normalization.identity(3);
        int batch = 64;
        List<int[]> batches = new ShuffleSampler(train.size(), batch, 1, true).batches(0);
        double[] rates = new double[repeats];
        int workers = BatchLoader.defaultWorkers();
        for (int r = 0; r < repeats; r++) {
            try (BatchLoader loader = new BatchLoader(train, normalization, Augmentation.standard(),
                    r, workers, 2 * workers)) {
                long start = System.nanoTime();
                loader.start(r, batches, 0);
                for (int b = 0; b < batches.size(); b++) {
                    loader.next();
                }
                rates[r] = batches.size() * (double) batch / ((System.nanoTime() - start) / 1e9);
            }
        }
        String size = String.format(Locale.ROOT, "%,d JPEGs 500x375, batch %d, %d loader threads",
                train.size(), batch, workers);
        return List.of(new BenchResult(name(), size, BenchStats.of(rates), "images/s",
                "streamed from disk, nothing cached; random resized crop + flip"));
    }
}
