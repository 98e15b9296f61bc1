package org.dmlworkbench.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.data.ImageFolderExporter;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.store.StoreFingerprint;

/**
 * Search a run's gallery by image: the image is converted to the model's input the way the data
 * was (channels, size, centre crop), normalised with the run's statistics, embedded, and
 * compared with the gallery's embeddings. The gallery is a split of the run's data (its index
 * built once per (parameters, data, split), cached in the run folder, searched exactly) or an
 * embedding store on disk (searched exactly or approximately, see {@link GallerySearch}).
 */
public final class ImageSearch implements AutoCloseable {

    private static final int EMBED_BATCH = 256;

    /**
     * One query's answer.
     *
     * @param conversion how the image was adapted to the model, in words
     * @param queryLabel the label inferred from the file's class folder, or -1 when unknown
     * @param precision share of neighbours with the query's label, or NaN when it is unknown
     * @param modelInput the pixels the model embedded (C*H*W bytes at its input size)
     * @param leftOutItself whether the query was an item of the gallery and was left out of its
     *     own neighbours
     */
    public record Result(String source, String conversion, int queryLabel, List<Neighbor> neighbors,
            double precision, byte[] modelInput, boolean leftOutItself) {}

    private final TrainedModel model;
    private final ImageSet gallerySet;
    private final GalleryStore store;
    private final VectorSearch index;
    private final List<String> classNames;

    private ImageSearch(TrainedModel model, ImageSet gallerySet, GalleryStore store,
            VectorSearch index, List<String> classNames) {
        this.model = model;
        this.gallerySet = gallerySet;
        this.store = store;
        this.index = index;
        this.classNames = classNames;
    }

    /**
     * Searches an embedding store written by this model ({@code index build}); a store written
     * by another model is refused.
     *
     * @param notes told when a large store is searched exactly for want of an index
     */
    public static ImageSearch open(TrainedModel model, GalleryStore store, GallerySearch.Mode mode,
            Consumer<String> notes) throws IOException {
        store.requireFingerprint(StoreFingerprint.of(model), "run " + model.run().root());
        VectorSearch search = GallerySearch.open(store, mode, notes);
        return new ImageSearch(model, null, store, search, store.classNames());
    }

    /**
     * @param split "train" (the default gallery: what a user searches) or "test"
     * @param problems receives cache warnings (e.g. a corrupt cache file that will be rebuilt)
     */
    public static ImageSearch open(TrainedModel model, Dataset dataset, String split,
            ProgressListener progress, Cancellation cancel, Consumer<String> problems)
            throws IOException {
        ImageSet gallery = switch (split) {
            case "train" -> dataset.train();
            case "test" -> dataset.test();
            default -> throw new IllegalArgumentException("gallery split must be train or test, got '"
                    + split + "'");
        };
        String key = GalleryIndex.cacheKey(model.parameterKey(), dataset.fingerprint(), split);
        Path cacheFile = model.run().cacheDir().resolve("gallery-" + split + ".idx");
        GalleryIndex index = GalleryIndex.loadOrBuild(cacheFile, key, () -> {
            Embeddings embeddings = model.embedder(EMBED_BATCH).embed(gallery, progress, cancel);
            return GalleryIndex.build(embeddings, gallery.labels(), sources(gallery), key);
        }, problems);
        return new ImageSearch(model, gallery, null, index, gallery.classNames());
    }

    private static List<String> sources(ImageSet set) {
        String[] out = new String[set.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = set.source(i).orElse(null);
        }
        return java.util.Arrays.asList(out);
    }

    /** How the gallery is searched. */
    public VectorSearch vectorSearch() {
        return index;
    }

    /** The in-memory index of a split gallery (a store has none: see {@link #vectorSearch}). */
    public GalleryIndex index() {
        if (index instanceof GalleryIndex inMemory) {
            return inMemory;
        }
        throw new IllegalStateException("the gallery " + store.folder() + " is a store on disk,"
                + " not an in-memory index");
    }

    /** The split searched, or null when the gallery is a store. */
    public ImageSet gallerySet() {
        return gallerySet;
    }

    /** The store searched, or null when the gallery is a split of the run's data. */
    public GalleryStore store() {
        return store;
    }

    /** The gallery's class names; labels index into them. */
    public List<String> classNames() {
        return classNames;
    }

    /** Queries with an image file; unreadable or non-image files raise DataFormatException. */
    public Result query(Path imageFile, int k) {
        BufferedImage image = readQuery(imageFile);
        return query(image, imageFile.toString(), labelFromFolder(imageFile), k);
    }

    /**
     * Decodes a query file as the run's data pipeline decodes its images (the evaluation
     * transform's first step: subsampled for the model's input size), so that the same file
     * queries with the same pixels it was evaluated with.
     */
    public BufferedImage readQuery(Path imageFile) {
        RunManifest.DataInfo data = model.manifest().data();
        return ImageConversion.readImage(imageFile, Math.max(data.height(), data.width()));
    }

    /** Queries with an image already in memory. */
    public Result query(BufferedImage image, String source, int knownLabel, int k) {
        RunManifest.DataInfo data = model.manifest().data();
        ConversionPolicy policy = ConversionPolicy.of(data.channels(), data.height(), data.width());
        byte[] pixels = ImageConversion.toPixels(image, policy);
        String conversion = describeConversion(image, policy);
        List<Neighbor> neighbors = queryPixels(pixels, k);
        return new Result(source, conversion, knownLabel, neighbors, precision(knownLabel, neighbors),
                pixels, false);
    }

    /**
     * Queries with an item of a data split (a point of the map) as its pixels are, without a
     * round trip through an image. When the split is this search's gallery, the item is left out
     * of its own neighbours (k others are returned), so its precision is that of the others.
     *
     * @param knownLabel the item's class in this gallery's classes, or -1
     */
    public Result queryItem(ImageSet set, int index, int knownLabel, int k, String source) {
        RunManifest.DataInfo data = model.manifest().data();
        if (set.channels() != data.channels() || set.height() != data.height()
                || set.width() != data.width()) {
            // not at the model's size: converted like any other image
            return query(ImageConversion.toImage(set, index), source, knownLabel, k);
        }
        byte[] pixels = new byte[set.imageBytes()];
        set.copyImage(index, pixels, 0);
        boolean leaveOut = set == gallerySet;
        List<Neighbor> found = queryPixels(pixels, leaveOut ? k + 1 : k);
        List<Neighbor> kept = found.stream().filter(n -> !(leaveOut && n.index() == index)).limit(k).toList();
        String shape = data.width() + "x" + data.height() + (data.channels() == 1 ? " grey" : " colour");
        return new Result(source, "used as is (" + shape + ")", knownLabel, kept,
                precision(knownLabel, kept), pixels, leaveOut);
    }

    /** Queries with gallery or data item pixels (C*H*W bytes at the model's size). */
    public List<Neighbor> queryPixels(byte[] pixels, int k) {
        return index.search(embed(pixels), k);
    }

    /** Queries with a ready embedding. */
    public List<Neighbor> queryEmbedding(float[] embedding, int k) {
        return index.search(embedding, k);
    }

    /** Embeds one image given as C*H*W bytes at the model's input size. */
    public float[] embed(byte[] pixels) {
        RunManifest.DataInfo data = model.manifest().data();
        float[] input = model.normalization().apply(pixels);
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray batch = scope.create(input, new Shape(1, data.channels(), data.height(), data.width()));
            return model.embedder(1).embedBatch(batch);
        }
    }

    /** Share of neighbours with the query's label; NaN when the label is unknown. */
    static double precision(int label, List<Neighbor> neighbors) {
        if (label < 0 || neighbors.isEmpty()) {
            return Double.NaN;
        }
        long same = neighbors.stream().filter(n -> n.label() == label).count();
        return (double) same / neighbors.size();
    }

    /**
     * The label of the class folder an image file sits in (the layout of image-folder data sets
     * and of 'datasets export'), or -1.
     */
    public int labelFromFolder(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return -1;
        }
        String folder = parent.getFileName().toString();
        List<String> classes = classNames;
        for (int label = 0; label < classes.size(); label++) {
            if (folder.equals(classes.get(label))
                    || folder.equals(ImageFolderExporter.classFolderName(label, classes.get(label),
                            classes.size()))) {
                return label;
            }
        }
        return -1;
    }

    /** Closes the store's files and index (nothing for a split of the run's data). */
    @Override
    public void close() throws IOException {
        if (index instanceof HnswIndex hnsw) {
            hnsw.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static String describeConversion(BufferedImage image, ConversionPolicy policy) {
        boolean grey = ImageConversion.isGrey(image.getColorModel());
        String from = image.getWidth() + "x" + image.getHeight() + (grey ? " grey" : " colour");
        String to = policy.width() + "x" + policy.height() + (policy.channels() == 1 ? " grey" : " colour");
        return from.equals(to) ? "used as is (" + to + ")" : "converted " + from + " to " + to
                + " (" + policy.resizeMode().cliName() + ")";
    }
}
