package org.dmlworkbench.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: big-endian magic, item count, dimensions, then
 * unsigned bytes. Each file may be gzip-compressed or raw (told apart by the gzip magic, not the
 * name). Every disagreement between header and content is an error naming the file.
 */
public final class IdxReader {

    public static final int IMAGE_MAGIC = 0x00000803;
    public static final int LABEL_MAGIC = 0x00000801;
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four split files, without the optional ".gz". */
    public static final List<String> SPLIT_FILES =
            List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    /** Optional file in an IDX folder naming the classes, one per line, in label order. */
    public static final String CLASS_NAMES_FILE = "classes.txt";

    /** The pixels of an IDX image file: {@code count} images of rows x columns, row-major. */
    public record IdxImages(int count, int rows, int columns, byte[] pixels) {}

    private IdxReader() {}

    public static IdxImages readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = readHeaderInt(in, file, "magic number");
            if (magic != IMAGE_MAGIC) {
                throw badMagic(file, magic, IMAGE_MAGIC, "image");
            }
            int count = readHeaderInt(in, file, "image count");
            int rows = readHeaderInt(in, file, "row count");
            int columns = readHeaderInt(in, file, "column count");
            if (count < 0 || rows < 1 || columns < 1) {
                throw new DataFormatException(file, "header declares " + count + " images of "
                        + rows + "x" + columns + " pixels; counts must be positive");
            }
            long bytes = (long) count * rows * columns;
            if (bytes > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(file, "header declares " + count + " images of "
                        + rows + "x" + columns + " = " + bytes + " bytes, more than one array holds (2 GiB)");
            }
            byte[] pixels = new byte[(int) bytes];
            int read = in.readNBytes(pixels, 0, pixels.length);
            if (read < pixels.length) {
                throw new DataFormatException(file, "truncated: the header declares " + count
                        + " images of " + rows + "x" + columns + " (" + bytes + " pixel bytes) but only "
                        + read + " follow");
            }
            requireEnd(in, file, count + " images of " + rows + "x" + columns);
            return new IdxImages(count, rows, columns, pixels);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The labels as unsigned values 0..255; range checks against the classes come later. */
    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = readHeaderInt(in, file, "magic number");
            if (magic != LABEL_MAGIC) {
                throw badMagic(file, magic, LABEL_MAGIC, "label");
            }
            int count = readHeaderInt(in, file, "label count");
            if (count < 0) {
                throw new DataFormatException(file, "header declares a negative label count " + count);
            }
            byte[] bytes = new byte[count];
            int read = in.readNBytes(bytes, 0, count);
            if (read < count) {
                throw new DataFormatException(file, "truncated: the header declares " + count
                        + " labels but only " + read + " follow");
            }
            requireEnd(in, file, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads one split. {@code classNames} null means "0".."max label"; otherwise every label must
     * index into it.
     */
    public static ImageSet read(Path imagesFile, Path labelsFile, List<String> classNames) {
        IdxImages images = readImages(imagesFile);
        int[] labels = readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new DataFormatException(labelsFile, "holds " + labels.length + " labels but "
                    + imagesFile + " holds " + images.count() + " images; they must pair one to one");
        }
        List<String> names = classNames != null ? classNames : numberedClasses(maxLabel(labels) + 1);
        checkLabelRange(labelsFile, labels, names.size());
        return new ImageSet(1, images.rows(), images.columns(), images.pixels(), labels, names, null);
    }

    /**
     * Reads a folder holding the four split files (each raw or .gz). Class names come from
     * {@code classNames}, else from the folder's classes.txt, else "0".."max label".
     */
    public static Dataset readFolder(Path folder, String name, List<String> classNames) {
        List<Path> files = new ArrayList<>();
        for (String base : SPLIT_FILES) {
            files.add(findSplitFile(folder, base).orElseThrow(() -> new DataFormatException(
                    folder.resolve(base + ".gz"), "is missing; an IDX folder needs "
                    + String.join(", ", SPLIT_FILES) + " (each raw or .gz)")));
        }
        List<String> names = classNames;
        Path namesFile = folder.resolve(CLASS_NAMES_FILE);
        if (names == null && Files.isRegularFile(namesFile)) {
            names = readClassNamesFile(namesFile);
        }
        if (names == null) {
            names = numberedClasses(checkNoEmptyClasses(files.get(1), files.get(3)));
        }
        ImageSet train = read(files.get(0), files.get(1), names);
        ImageSet test = read(files.get(2), files.get(3), names);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new DataFormatException(files.get(2), "holds " + test.height() + "x" + test.width()
                    + " images but " + files.get(0) + " holds " + train.height() + "x" + train.width());
        }
        return new Dataset(name, "idx", folder.toString(), train, test, List.of(), "none");
    }

    /** The split file {@code base} or {@code base.gz} in {@code folder}, raw preferred. */
    public static Optional<Path> findSplitFile(Path folder, String base) {
        for (String candidate : List.of(base, base + ".gz")) {
            Path file = folder.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** True when {@code folder} holds all four split files. */
    public static boolean isIdxFolder(Path folder) {
        return SPLIT_FILES.stream().allMatch(base -> findSplitFile(folder, base).isPresent());
    }

    static List<String> readClassNamesFile(Path file) {
        try {
            List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (names.isEmpty()) {
                throw new DataFormatException(file, "names no classes (expected one name per line)");
            }
            return names;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static List<String> numberedClasses(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /**
     * The number of classes "0".."max label" the two label files imply, after checking each of
     * them has an image: one stray label (250 in a 10-class set) must not make 240 empty classes.
     */
    static int checkNoEmptyClasses(Path trainLabels, Path testLabels) {
        int[] train = readLabels(trainLabels);
        int[] test = readLabels(testLabels);
        int classes = Math.max(maxLabel(train), maxLabel(test)) + 1;
        int[] counts = new int[classes];
        for (int[] labels : List.of(train, test)) {
            for (int label : labels) {
                counts[label]++;
            }
        }
        List<Integer> empty = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                empty.add(c);
            }
        }
        if (empty.isEmpty()) {
            return classes;
        }
        int max = classes - 1;
        boolean inTrain = maxLabel(train) == max;
        int[] holder = inTrain ? train : test;
        int item = 0;
        while (holder[item] != max) {
            item++;
        }
        throw new DataFormatException(inTrain ? trainLabels : testLabels, "has label " + max + " at"
                + " item " + item + ", so the set would have " + classes + " classes, " + empty.size()
                + " of them without a single image (e.g. " + empty.subList(0, Math.min(5,
                        empty.size())) + "); fix the label file, or name the classes in "
                + CLASS_NAMES_FILE);
    }

    private static int maxLabel(int[] labels) {
        int max = 0;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max;
    }

    private static void checkLabelRange(Path file, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classes) {
                throw new DataFormatException(file, "label " + labels[i] + " at item " + i
                        + " is outside 0.." + (classes - 1) + " (" + classes + " classes)");
            }
        }
    }

    /** Opens the file, decompressing when it starts with the gzip magic 1f 8b. */
    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "does not exist or is not a regular file");
        }
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        InputStream in = raw;
        if (first == 0x1f && second == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return new DataInputStream(in);
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFormatException(file, "truncated: the file ends inside the header (no " + what + ")");
        }
    }

    private static void requireEnd(InputStream in, Path file, String declared) throws IOException {
        long trailing = 0;
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            trailing += n;
        }
        if (trailing > 0) {
            throw new DataFormatException(file, "has " + trailing + " bytes after the " + declared
                    + " its header declares: wrong header or two files joined");
        }
    }

    private static DataFormatException badMagic(Path file, int magic, int expected, String kind) {
        String hint = magic == IMAGE_MAGIC ? " (that is an IDX image file)"
                : magic == LABEL_MAGIC ? " (that is an IDX label file)" : "";
        return new DataFormatException(file, String.format("bad magic number 0x%08x%s; an IDX %s file "
                + "starts with 0x%08x", magic, hint, kind, expected));
    }

    static DataFormatException unreadable(Path file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new DataFormatException(file.toString(), "the gzip stream is truncated or corrupt ("
                    + e.getMessage() + ")", e);
        }
        return new DataFormatException(file.toString(), "cannot be read: " + e, e);
    }
}
