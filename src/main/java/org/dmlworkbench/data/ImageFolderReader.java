package org.dmlworkbench.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Reads a folder of images, one sub-folder per class (class label = position of the folder name
 * in sorted order), either directly under the root or under root/train and root/test. Without
 * train/test folders the split is deterministic and stratified: in each class, in sorted file-name
 * order, every {@value #TEST_EVERY}th file (the 5th, 10th, ...) is a test image, the rest train.
 * Files directly in the root (README, LICENSE, index.txt) and hidden or OS metadata files
 * (names starting with ".", Thumbs.db, desktop.ini) are not images and are passed over; every
 * other file in a class folder must be a readable image.
 */
public final class ImageFolderReader {

    public static final int TEST_EVERY = 5;
    public static final String TRAIN = "train";
    public static final String TEST = "test";

    /** Opens one image's bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** One image to read: its name in errors and provenance, its label, and its bytes. */
    public record Entry(String source, int label, Opener opener) {}

    /**
     * Everything to read, before reading it: what other layouts (the benchmark index files) hand
     * over, so decoding, the size and colour policy and --skip-bad stay in one place.
     *
     * @param classNames the class list, training classes first
     * @param gallery the separate gallery (In-Shop), or null when there is none
     * @param format the {@link Dataset#format()} to report
     */
    public record Listing(List<String> classNames, List<Entry> train, List<Entry> test,
            List<Entry> gallery, String location, String splitRule, String format) {

        /** A listing of a class-folder layout, without a gallery. */
        public Listing(List<String> classNames, List<Entry> train, List<Entry> test, String location,
                String splitRule) {
            this(classNames, train, test, null, location, splitRule, "image-folder");
        }

        /** Train, test and (when there is one) gallery, in reading order. */
        List<List<Entry>> splits() {
            return gallery == null ? List.of(train, test) : List.of(train, test, gallery);
        }

        int size() {
            return splits().stream().mapToInt(List::size).sum();
        }
    }

    private ImageFolderReader() {}

    /**
     * Reads the folder, converting every image by {@code requested} (AUTO fields decided from the
     * data). With {@code skipBad} an unreadable file is left out and listed in
     * {@link Dataset#skippedBadFiles()}; without it, it is an error.
     */
    public static Dataset read(Path root, String name, ConversionPolicy requested, boolean skipBad,
            ProgressListener progress) {
        return read(ImageFolderListing.list(root), name, requested, skipBad, progress);
    }

    /** True when {@code root} is a folder holding at least one non-hidden sub-folder. */
    public static boolean isImageFolder(Path root) {
        return ImageFolderListing.isImageFolder(root);
    }

    /**
     * The relative paths ("train/cat/001.png", with '/' separators) of every image file under the
     * class folders of {@code root}, sorted: the content of a bundled data set's index.txt.
     */
    public static List<String> indexLines(Path root) {
        return ImageFolderListing.indexLines(root);
    }

    /**
     * Reads what {@code listing} names, converting every image by {@code requested}; with
     * {@code skipBad} an unreadable image is left out and listed.
     */
    public static Dataset read(Listing listing, String name, ConversionPolicy requested, boolean skipBad,
            ProgressListener progress) {
        List<String> skipped = new ArrayList<>();
        Set<Entry> bad = new java.util.HashSet<>();
        ConversionPolicy policy = requested;
        String decided = "";
        if (!requested.isComplete()) {
            List<ImageConversion.ImageInfo> all = new ArrayList<>();
            List<ImageConversion.ImageInfo> trainInfos = new ArrayList<>();
            int total = listing.size();
            int done = 0;
            for (List<Entry> split : listing.splits()) {
                for (Entry entry : split) {
                    try (InputStream in = open(entry)) {
                        ImageConversion.ImageInfo info = ImageConversion.probe(in, entry.source());
                        all.add(info);
                        if (split == listing.train()) {
                            trainInfos.add(info);
                        }
                    } catch (DataFormatException e) {
                        reject(e, skipBad, skipped);
                        bad.add(entry);
                    } catch (IOException e) {
                        reject(new DataFormatException(entry.source(), "cannot be read: " + e.getMessage(), e),
                                skipBad, skipped);
                        bad.add(entry);
                    }
                    progress.update("inspect images", ++done, total, "images");
                }
            }
            if (trainInfos.isEmpty()) {
                throw new DataFormatException(listing.location(), "holds no readable training images");
            }
            policy = ImageConversion.decide(requested, all, trainInfos);
            decided = " (" + (requested.hasChannels() ? "" : policy.channels() == 1
                    ? "channels: auto, every image is grey; " : "channels: auto, some images are colour; ")
                    + (requested.hasSize() ? "size given" : "size: auto, the most common training size") + ")";
        }
        if (!listing.location().startsWith("classpath:")) {
            return readFiles(listing, name, policy, decided, skipBad, skipped, bad, progress);
        }
        Counter counter = new Counter(listing.size(), progress);
        ImageSet train = readSplit(listing.train(), listing, policy, skipBad, skipped, bad, counter);
        ImageSet test = readSplit(listing.test(), listing, policy, skipBad, skipped, bad, counter);
        ImageSet gallery = listing.gallery() == null ? null
                : readSplit(listing.gallery(), listing, policy, skipBad, skipped, bad, counter);
        String conversion = policy.describe() + decided + "; split: " + listing.splitRule();
        return new Dataset(name, listing.format(), listing.location(), train, test, skipped, conversion,
                gallery);
    }

    /**
     * Image files stay on disk, read when a batch asks for them ({@link FilePixels}). A set whose
     * images fit in half the decode cache is decoded at once, on every core, so bad files show
     * now and epochs never wait for the disk; a larger one streams, and is decoded in full now
     * only with --skip-bad (to know which files to leave out before training starts).
     */
    private static Dataset readFiles(Listing listing, String name, ConversionPolicy policy,
            String decided, boolean skipBad, List<String> skipped, Set<Entry> bad,
            ProgressListener progress) {
        List<Entry> entries = new ArrayList<>();
        // where each split's entries end in the table: train, test, then the gallery if any
        List<Integer> ends = new ArrayList<>();
        for (List<Entry> split : listing.splits()) {
            for (Entry entry : split) {
                if (!bad.contains(entry)) {
                    entries.add(entry);
                }
            }
            ends.add(entries.size());
        }
        FilePixels.Table table = new FilePixels.Table(entries, policy,
                new DecodeCache(DecodeCache.defaultBudget()));
        boolean fits = (long) entries.size() * policy.imageBytes() <= table.cache.budget() / 2;
        java.util.TreeMap<Integer, DataFormatException> failures = new java.util.TreeMap<>();
        if (fits || skipBad) {
            FilePixels.all(table).decodeAll(Runtime.getRuntime().availableProcessors(), done -> {
                synchronized (progress) {
                    progress.update("read images", done, entries.size(), "images");
                }
            }, failures::put);
        }
        if (!failures.isEmpty() && !skipBad) {
            throw failures.firstEntry().getValue();
        }
        table.fingerprintByContent = fits;
        failures.values().forEach(e -> skipped.add(e.getMessage()));
        ImageSet train = fileSet(table, 0, ends.get(0), failures.keySet(), listing.classNames(), policy);
        ImageSet test = fileSet(table, ends.get(0), ends.get(1), failures.keySet(), listing.classNames(), policy);
        ImageSet gallery = listing.gallery() == null ? null
                : fileSet(table, ends.get(1), ends.get(2), failures.keySet(), listing.classNames(), policy);
        String storage = fits ? "" : "; streamed from disk (" + entries.size() + " images, decode cache "
                + (table.cache.budget() >> 20) + " MB)";
        return new Dataset(name, listing.format(), listing.location(), train, test, skipped,
                policy.describe() + decided + "; split: " + listing.splitRule() + storage, gallery);
    }

    private static ImageSet fileSet(FilePixels.Table table, int from, int to, Set<Integer> failed,
            List<String> classNames, ConversionPolicy policy) {
        List<Integer> kept = new ArrayList<>();
        for (int id = from; id < to; id++) {
            if (!failed.contains(id)) {
                kept.add(id);
            }
        }
        int[] ids = kept.stream().mapToInt(Integer::intValue).toArray();
        int[] labels = new int[ids.length];
        List<String> sources = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            Entry entry = table.entries.get(ids[i]);
            labels[i] = entry.label();
            sources.add(entry.source());
        }
        return new ImageSet(policy.channels(), policy.height(), policy.width(),
                new FilePixels(table, ids), labels, classNames, sources);
    }

    private static ImageSet readSplit(List<Entry> entries, Listing listing, ConversionPolicy policy,
            boolean skipBad, List<String> skipped, Set<Entry> bad, Counter counter) {
        int bytes = policy.imageBytes();
        if ((long) entries.size() * bytes > Integer.MAX_VALUE) {
            throw new DataFormatException(listing.location(), entries.size() + " images of "
                    + policy.describe() + " need more than 2 GiB; choose a smaller image size");
        }
        byte[] pixels = new byte[entries.size() * bytes];
        int[] labels = new int[entries.size()];
        List<String> sources = new ArrayList<>(entries.size());
        int kept = 0;
        for (Entry entry : entries) {
            if (!bad.contains(entry)) {
                try (InputStream in = open(entry)) {
                    BufferedImage image = ImageConversion.readImage(in, entry.source());
                    System.arraycopy(ImageConversion.toPixels(image, policy), 0, pixels, kept * bytes, bytes);
                    labels[kept] = entry.label();
                    sources.add(entry.source());
                    kept++;
                } catch (DataFormatException e) {
                    reject(e, skipBad, skipped);
                } catch (IOException e) {
                    reject(new DataFormatException(entry.source(), "cannot be read: " + e.getMessage(), e),
                            skipBad, skipped);
                }
            }
            counter.step();
        }
        return new ImageSet(policy.channels(), policy.height(), policy.width(),
                kept == entries.size() ? pixels : Arrays.copyOf(pixels, kept * bytes),
                Arrays.copyOf(labels, kept), listing.classNames(), sources);
    }

    private static InputStream open(Entry entry) throws IOException {
        InputStream in = entry.opener().open();
        if (in == null) {
            throw new DataFormatException(entry.source(), "does not exist");
        }
        return in;
    }

    private static void reject(DataFormatException e, boolean skipBad, List<String> skipped) {
        if (!skipBad) {
            throw e;
        }
        skipped.add(e.getMessage());
    }

    /** Reports images read across both splits. */
    private static final class Counter {
        private final int total;
        private final ProgressListener progress;
        private int done;

        Counter(int total, ProgressListener progress) {
            this.total = total;
            this.progress = progress;
        }

        void step() {
            progress.update("read images", ++done, total, "images");
        }
    }
}
