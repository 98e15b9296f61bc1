package org.dmlworkbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the CIFAR-10 binary version: each record is 1 label byte then 3,072 pixel bytes (the red,
 * green and blue 32x32 planes, rows in order). That is channel-major, so records copy straight
 * into an {@link ImageSet}.
 */
public final class CifarBinaryReader {

    public static final int SIDE = 32;
    public static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    public static final String META_FILE = "batches.meta.txt";
    /** The folder the official archive unpacks to. */
    public static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";
    /** Every file a CIFAR-10 binary folder must hold. */
    public static final List<String> REQUIRED_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", TEST_FILE, META_FILE);

    private CifarBinaryReader() {}

    /** Reads the records of {@code files} in order into one set labelled by {@code classNames}. */
    public static ImageSet readBatches(List<Path> files, List<String> classNames) {
        long total = 0;
        for (Path file : files) {
            total += recordCount(file);
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE) {
            throw new DataFormatException(files.get(0), total + " records are more than one array holds");
        }
        byte[] pixels = new byte[(int) (total * IMAGE_BYTES)];
        int[] labels = new int[(int) total];
        List<String> sources = new ArrayList<>((int) total);
        int image = 0;
        for (Path file : files) {
            byte[] content = readAll(file);
            int records = content.length / RECORD_BYTES;
            if (records != recordCount(file)) {
                throw new DataFormatException(file, "changed size while being read");
            }
            for (int r = 0; r < records; r++) {
                int label = content[r * RECORD_BYTES] & 0xFF;
                if (label >= classNames.size()) {
                    throw new DataFormatException(file, "record " + r + " has label " + label
                            + ", outside 0.." + (classNames.size() - 1) + " (" + classNames.size() + " classes)");
                }
                labels[image] = label;
                System.arraycopy(content, r * RECORD_BYTES + 1, pixels, image * IMAGE_BYTES, IMAGE_BYTES);
                sources.add(file + "#" + r);
                image++;
            }
        }
        return new ImageSet(3, SIDE, SIDE, pixels, labels, classNames, sources);
    }

    /** The class names of batches.meta.txt: one per line, blank lines ignored. */
    public static List<String> readClassNames(Path metaFile) {
        return IdxReader.readClassNamesFile(metaFile);
    }

    /** Reads a folder holding the batches, or holding the archive's cifar-10-batches-bin folder. */
    public static Dataset readFolder(Path folder, String name) {
        Path batches = findBatchFolder(folder).orElseThrow(() -> new DataFormatException(
                folder.resolve(REQUIRED_FILES.stream().filter(f -> !Files.isRegularFile(folder.resolve(f)))
                        .findFirst().orElse(META_FILE)),
                "is missing; a CIFAR-10 binary folder needs " + String.join(", ", REQUIRED_FILES)));
        List<String> classNames = readClassNames(batches.resolve(META_FILE));
        List<Path> trainFiles = TRAIN_FILES.stream().map(batches::resolve).toList();
        ImageSet train = readBatches(trainFiles, classNames);
        ImageSet test = readBatches(List.of(batches.resolve(TEST_FILE)), classNames);
        return new Dataset(name, "cifar-10-binary", batches.toString(), train, test, List.of(), "none");
    }

    /** {@code folder} or its cifar-10-batches-bin sub-folder, whichever holds every required file. */
    public static Optional<Path> findBatchFolder(Path folder) {
        for (Path candidate : List.of(folder, folder.resolve(ARCHIVE_FOLDER))) {
            if (REQUIRED_FILES.stream().allMatch(f -> Files.isRegularFile(candidate.resolve(f)))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static boolean isCifarFolder(Path folder) {
        return findBatchFolder(folder).isPresent();
    }

    private static long recordCount(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw IdxReader.unreadable(file, e);
        }
        if (size == 0 || size % RECORD_BYTES != 0) {
            throw new DataFormatException(file, "size " + size + " bytes is not a positive multiple of "
                    + RECORD_BYTES + " (1 label byte + " + IMAGE_BYTES + " pixel bytes per record): "
                    + "truncated, or not a CIFAR-10 binary batch (" + (size / RECORD_BYTES)
                    + " whole records and " + (size % RECORD_BYTES) + " bytes left over)");
        }
        return size / RECORD_BYTES;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw IdxReader.unreadable(file, e);
        }
    }
}
