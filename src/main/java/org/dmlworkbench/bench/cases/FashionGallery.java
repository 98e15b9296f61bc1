package org.dmlworkbench.bench.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.SkippedException;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.data.DatasetNotFoundException;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.data.ImageFolderExporter;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.store.FolderEmbedder;
import org.dmlworkbench.store.ImageModel;
import org.dmlworkbench.training.MetricTrainer;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;

/**
 * A gallery made the way a user makes one: a folder of image files (every image of a data set,
 * then mirrored and shifted copies up to the count wanted, in class folders), embedded by the
 * pipeline ({@link FolderEmbedder}, what {@code index build} runs) with hybrid1 trained for one
 * epoch. Queries are test images shifted by one pixel right and down: new images, never in the
 * gallery. {@link #main} writes such a folder for trying {@code index build} by hand.
 */
public final class FashionGallery implements AnnSearchCase.Source {

    private final String data;
    private final int count;
    private final int queries;
    private String embedded = "";

    public FashionGallery(String data, int count, int queries) {
        this.data = data;
        this.count = count;
        this.queries = queries;
    }

    @Override
    public String label() {
        return SizeLabel.of(count) + " " + data;
    }

    @Override
    public String describe() {
        return data + " images embedded by the pipeline" + embedded;
    }

    @Override
    public float[][] prepare(Path folder, BenchContext context) throws Exception {
        Dataset dataset;
        try {
            dataset = context.datasets().load(data);
        } catch (DatasetNotFoundException e) {
            throw new SkippedException("data set '" + data + "' is absent (" + e.getMessage() + ")");
        }
        Path images = context.scratch().resolve("images");
        long start = System.nanoTime();
        write(dataset, count, images, ConsoleProgress.every(context.log(), 30));
        context.log().printf(Locale.ROOT, "  wrote %,d PNG files in %.0f s; training hybrid1 for"
                + " one epoch%n", count, (System.nanoTime() - start) / 1e9);
        RunDirectory run = train(dataset, context.scratch().resolve("run"), context.deviceName());
        try (TrainedModel model = TrainedModel.open(run, context.device())) {
            ImageModel imageModel = ImageModel.of(model);
            start = System.nanoTime();
            new FolderEmbedder(imageModel, new FolderEmbedder.Options(256,
                    Runtime.getRuntime().availableProcessors(), false)).build(images, folder,
                    ConsoleProgress.every(context.log(), 30), Cancellation.none());
            double seconds = (System.nanoTime() - start) / 1e9;
            embedded = String.format(Locale.ROOT, " (%.0f images/s)", count / seconds);
            context.log().printf(Locale.ROOT, "  embedded the folder in %.0f s%n", seconds);
            return embedQueries(dataset.test(), imageModel);
        }
    }

    private float[][] embedQueries(ImageSet test, ImageModel model) {
        int n = Math.min(queries, test.size());
        int size = test.imageBytes();
        float[] inputs = new float[n * size];
        for (int i = 0; i < n; i++) {
            byte[] shifted = variant(test, i, false, 1, 1);
            System.arraycopy(model.normalization().apply(shifted), 0, inputs, i * size, size);
        }
        float[] rows = model.embedding().embed(inputs, n);
        int dim = rows.length / n;
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows, i * dim, out[i], 0, dim);
        }
        return out;
    }

    private static RunDirectory train(Dataset dataset, Path folder, String device) throws IOException {
        TrainingConfig config = TrainingConfig.defaults().toBuilder()
                .data(dataset.name())
                .model(ModelSpec.preset("hybrid1"))
                .loss("ms+ce", Map.of())
                .epochs(1)
                .batchSize(128)
                .device(device)
                .evaluation(1, "test")
                .checkpoints(3600, 0)
                .build();
        RunDirectory run = new RunDirectory(folder);
        var outcome = MetricTrainer.create(run, config, dataset, TrainingObserver.NONE,
                new TrainingControl()).run();
        if (!outcome.completed()) {
            throw new IllegalStateException("training for the gallery did not complete: "
                    + outcome.message());
        }
        return run;
    }

    /**
     * Writes {@code count} PNG files into class folders of {@code out}: the training images,
     * the test images, then variants (mirrored and/or shifted by up to 2 pixels) of them in turn.
     */
    public static void write(Dataset dataset, int count, Path out, ProgressListener progress)
            throws IOException {
        List<ImageSet> sets = List.of(dataset.train(), dataset.test());
        int originals = dataset.train().size() + dataset.test().size();
        List<String> classes = dataset.classNames();
        for (int label = 0; label < classes.size(); label++) {
            Files.createDirectories(out.resolve(folderName(label, classes)));
        }
        int[] done = {0};
        int step = 5_000;
        for (int from = 0; from < count; from += step) {
            int to = Math.min(count, from + step);
            IntStream.range(from, to).parallel().forEach(i -> {
                int source = i % originals;
                int round = i / originals;
                ImageSet set = source < sets.get(0).size() ? sets.get(0) : sets.get(1);
                int index = set == sets.get(0) ? source : source - sets.get(0).size();
                // round 0: the image itself; later rounds: mirrored, shifted by (round % 5 - 2, ...)
                boolean mirror = round % 2 == 1;
                int dx = round == 0 ? 0 : (round % 5) - 2;
                int dy = round == 0 ? 0 : ((round / 2) % 3) - 1;
                byte[] pixels = variant(set, index, mirror, dx, dy);
                ImageSet one = new ImageSet(set.channels(), set.height(), set.width(), pixels,
                        new int[] {set.label(index)}, set.classNames(), null);
                Path file = out.resolve(folderName(set.label(index), classes))
                        .resolve(String.format("%07d.png", i));
                try {
                    ImageIO.write(ImageConversion.toImage(one, 0), "png", file.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            done[0] = to;
            progress.update("write gallery images", done[0], count, "images");
        }
    }

    private static String folderName(int label, List<String> classes) {
        return ImageFolderExporter.classFolderName(label, classes.get(label), classes.size());
    }

    /** Image {@code index} mirrored and/or shifted by (dx, dy) pixels (edges filled with 0). */
    static byte[] variant(ImageSet set, int index, boolean mirror, int dx, int dy) {
        int w = set.width();
        int h = set.height();
        int plane = w * h;
        byte[] source = new byte[set.imageBytes()];
        set.copyImage(index, source, 0);
        byte[] out = new byte[source.length];
        for (int c = 0; c < set.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = (mirror ? w - 1 - x : x) - dx;
                    int sy = y - dy;
                    if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                        out[c * plane + y * w + x] = source[c * plane + sy * w + sx];
                    }
                }
            }
        }
        return out;
    }

    /** Writes a gallery folder: {@code FashionGallery OUT COUNT [DATA]} (DATA: fashion-mnist). */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: FashionGallery OUT COUNT [DATA]");
            System.exit(1);
        }
        String name = args.length > 2 ? args[2] : "fashion-mnist";
        Dataset dataset = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true))
                .load(name);
        write(dataset, Integer.parseInt(args[1]), Path.of(args[0]), (task, done, total, unit) ->
                System.err.printf(Locale.ROOT, "%s: %,d of %,d%n", task, done, total));
        System.err.println("wrote " + args[1] + " images to " + args[0]);
    }
}
