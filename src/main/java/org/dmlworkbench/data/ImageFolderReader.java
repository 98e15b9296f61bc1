package org.dmlworkbench.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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
    private static final Set<String> OS_METADATA = Set.of("thumbs.db", "desktop.ini");
    /** Sorting by the name as a Java string, the same order the classpath index uses. */
    private static final Comparator<Path> BY_NAME = Comparator.comparing(p -> p.getFileName().toString());

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
        return read(list(root), name, requested, skipBad, progress);
    }

    /** True when {@code root} is a folder holding at least one non-hidden sub-folder. */
    public static boolean isImageFolder(Path root) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.anyMatch(p -> Files.isDirectory(p) && !ignored(p.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The relative paths ("train/cat/001.png", with '/' separators) of every image file under the
     * class folders of {@code root}, sorted: the content of a bundled data set's index.txt.
     */
    public static List<String> indexLines(Path root) {
        List<String> lines = new ArrayList<>();
        for (Path classFolder : classFolders(root)) {
            for (Path file : imageFiles(classFolder)) {
                lines.add(root.relativize(file).toString().replace('\\', '/'));
            }
        }
        lines.sort(null);
        return lines;
    }

    static Listing list(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DataFormatException(root, "is not a folder; an image data set is a folder with one "
                    + "sub-folder of images per class");
        }
        List<Path> folders = subFolders(root);
        List<String> names = folders.stream().map(p -> p.getFileName().toString()).toList();
        boolean split = names.contains(TRAIN) || names.contains(TEST);
        if (!split) {
            return listUnsplit(root, folders);
        }
        if (!names.contains(TRAIN) || !names.contains(TEST) || names.size() != 2) {
            throw new DataFormatException(root, "holds the folders " + names + "; a split image data set "
                    + "holds exactly train/ and test/, each with one folder per class (or give no "
                    + "train/test folders and the split is made for you)");
        }
        List<Path> trainClasses = subFolders(root.resolve(TRAIN));
        List<Path> testClasses = subFolders(root.resolve(TEST));
        if (trainClasses.isEmpty()) {
            throw new DataFormatException(root.resolve(TRAIN), "holds no class folders");
        }
        List<String> classNames = trainFirst(names(trainClasses), names(testClasses));
        List<Entry> train = new ArrayList<>();
        for (Path folder : trainClasses) {
            int label = classNames.indexOf(folder.getFileName().toString());
            for (Path file : imageFiles(folder)) {
                train.add(fileEntry(file, label));
            }
        }
        List<Entry> test = new ArrayList<>();
        for (Path folder : testClasses) {
            int label = classNames.indexOf(folder.getFileName().toString());
            for (Path file : imageFiles(folder)) {
                test.add(fileEntry(file, label));
            }
        }
        return new Listing(classNames, train, test, root.toString(), splitFolders(trainClasses.size(),
                classNames.size() - trainClasses.size()));
    }

    private static List<String> names(List<Path> folders) {
        return folders.stream().map(p -> p.getFileName().toString()).toList();
    }

    /**
     * The class list of a train/test pair: the training classes in name order, then the classes
     * only the test side has (unseen classes), so labels of training classes come first.
     */
    static List<String> trainFirst(java.util.Collection<String> train, java.util.Collection<String> test) {
        List<String> names = new ArrayList<>(new TreeSet<>(train));
        for (String name : new TreeSet<>(test)) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static String splitFolders(int trainClasses, int unseen) {
        return "train/ and test/ folders" + (unseen == 0 ? ""
                : " (" + unseen + " test classes have no training images: unseen classes)");
    }

    /** A listing from index lines ("train/&lt;class&gt;/&lt;file&gt;" or "&lt;class&gt;/&lt;file&gt;"). */
    static Listing fromIndex(List<String> lines, String location, java.util.function.Function<String, Opener> opener) {
        boolean split = lines.stream().anyMatch(l -> l.startsWith(TRAIN + "/") || l.startsWith(TEST + "/"));
        TreeSet<String> trainClasses = new TreeSet<>();
        TreeSet<String> otherClasses = new TreeSet<>();
        for (String line : lines) {
            String[] parts = line.split("/");
            if (parts.length != (split ? 3 : 2)) {
                throw new DataFormatException(location, "index line '" + line + "' is not "
                        + (split ? "train|test/<class>/<file>" : "<class>/<file>"));
            }
            (!split || parts[0].equals(TRAIN) ? trainClasses : otherClasses).add(parts[split ? 1 : 0]);
        }
        List<String> classNames = trainFirst(trainClasses, otherClasses);
        List<Entry> train = new ArrayList<>();
        List<Entry> test = new ArrayList<>();
        int[] seen = new int[classNames.size()];
        for (String line : lines) {
            String[] parts = line.split("/");
            int label = classNames.indexOf(parts[split ? 1 : 0]);
            Entry entry = new Entry(location + "/" + line, label, opener.apply(line));
            boolean isTest = split ? parts[0].equals(TEST) : ++seen[label] % TEST_EVERY == 0;
            (isTest ? test : train).add(entry);
        }
        return new Listing(classNames, train, test, location, split ? "train/ and test/ folders" : splitRule());
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

    static String splitRule() {
        return "every " + TEST_EVERY + "th file of each class in sorted name order is test";
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

    private static Listing listUnsplit(Path root, List<Path> classFolders) {
        if (classFolders.isEmpty()) {
            throw new DataFormatException(root, "holds no class folders; an image data set is a folder with "
                    + "one sub-folder of images per class");
        }
        List<String> classNames = classFolders.stream().map(p -> p.getFileName().toString()).toList();
        List<Entry> train = new ArrayList<>();
        List<Entry> test = new ArrayList<>();
        for (int label = 0; label < classFolders.size(); label++) {
            List<Path> files = imageFiles(classFolders.get(label));
            for (int i = 0; i < files.size(); i++) {
                ((i + 1) % TEST_EVERY == 0 ? test : train).add(fileEntry(files.get(i), label));
            }
        }
        return new Listing(classNames, train, test, root.toString(), splitRule());
    }

    private static List<Path> classFolders(Path root) {
        List<Path> folders = subFolders(root);
        boolean split = folders.stream().anyMatch(p -> p.getFileName().toString().equals(TRAIN));
        if (!split) {
            return folders;
        }
        List<Path> all = new ArrayList<>();
        for (Path splitFolder : folders) {
            all.addAll(subFolders(splitFolder));
        }
        return all;
    }

    private static Entry fileEntry(Path file, int label) {
        return new Entry(file.toString(), label, () -> {
            // checked before opening: opening a named pipe waits for a writer, forever
            if (!Files.isRegularFile(file)) {
                throw new DataFormatException(file, ImageConversion.NOT_REGULAR);
            }
            return Files.newInputStream(file);
        });
    }

    private static List<Path> subFolders(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).filter(p -> !ignored(p.getFileName().toString()))
                    .sorted(BY_NAME).toList();
        } catch (IOException e) {
            throw new DataFormatException(folder.toString(), "cannot be listed: " + e.getMessage(), e);
        }
    }

    private static List<Path> imageFiles(Path classFolder) {
        try (Stream<Path> children = Files.list(classFolder)) {
            List<Path> files = children.filter(p -> !ignored(p.getFileName().toString())).sorted(BY_NAME).toList();
            for (Path file : files) {
                if (Files.isDirectory(file)) {
                    throw new DataFormatException(file, "is a folder inside a class folder; class folders "
                            + "hold image files only");
                }
            }
            return files;
        } catch (IOException e) {
            throw new DataFormatException(classFolder.toString(), "cannot be listed: " + e.getMessage(), e);
        }
    }

    private static boolean ignored(String fileName) {
        return fileName.startsWith(".") || OS_METADATA.contains(fileName.toLowerCase(java.util.Locale.ROOT));
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
