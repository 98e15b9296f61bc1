package org.dmlworkbench.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX and CIFAR files for tests. */
final class TestFiles {

    private TestFiles() {}

    static byte[] idxImages(int count, int rows, int columns, byte[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.IMAGE_MAGIC);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        out.write(pixels);
        return bytes.toByteArray();
    }

    static byte[] idxLabels(int[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.LABEL_MAGIC);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeByte(label);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /** Pixels whose value encodes (image, position), so misplaced bytes show. */
    static byte[] patternPixels(int count, int imageBytes, int salt) {
        byte[] pixels = new byte[count * imageBytes];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i * 7 + salt * 31 + i / imageBytes * 13) & 0xFF);
        }
        return pixels;
    }

    /**
     * Writes an IDX folder of 2x3 images: {@code trainLabels.length} train and
     * {@code testLabels.length} test images, gzip-compressed or raw.
     */
    static void writeIdxFolder(Path folder, int[] trainLabels, int[] testLabels, boolean gz) throws IOException {
        Files.createDirectories(folder);
        String suffix = gz ? ".gz" : "";
        write(folder.resolve(IdxReader.TRAIN_IMAGES + suffix),
                idxImages(trainLabels.length, 2, 3, patternPixels(trainLabels.length, 6, 1)), gz);
        write(folder.resolve(IdxReader.TRAIN_LABELS + suffix), idxLabels(trainLabels), gz);
        write(folder.resolve(IdxReader.TEST_IMAGES + suffix),
                idxImages(testLabels.length, 2, 3, patternPixels(testLabels.length, 6, 2)), gz);
        write(folder.resolve(IdxReader.TEST_LABELS + suffix), idxLabels(testLabels), gz);
    }

    static void write(Path file, byte[] content, boolean gz) throws IOException {
        Files.write(file, gz ? gzip(content) : content);
    }

    /** A CIFAR batch file of {@code labels.length} records with pattern pixels. */
    static byte[] cifarBatch(int[] labels, int salt) {
        byte[] pixels = patternPixels(labels.length, CifarBinaryReader.IMAGE_BYTES, salt);
        byte[] file = new byte[labels.length * CifarBinaryReader.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            file[r * CifarBinaryReader.RECORD_BYTES] = (byte) labels[r];
            System.arraycopy(pixels, r * CifarBinaryReader.IMAGE_BYTES, file,
                    r * CifarBinaryReader.RECORD_BYTES + 1, CifarBinaryReader.IMAGE_BYTES);
        }
        return file;
    }

    /** A complete CIFAR folder: 5 records per batch, labels r % 10, class names c0..c9. */
    static void writeCifarFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int b = 0; b < CifarBinaryReader.TRAIN_FILES.size(); b++) {
            Files.write(folder.resolve(CifarBinaryReader.TRAIN_FILES.get(b)),
                    cifarBatch(new int[] {b, b + 1, b + 2, b + 3, b + 4}, b));
        }
        Files.write(folder.resolve(CifarBinaryReader.TEST_FILE), cifarBatch(new int[] {9, 8, 7, 6, 5}, 9));
        Files.writeString(folder.resolve(CifarBinaryReader.META_FILE),
                "c0\nc1\nc2\nc3\nc4\nc5\nc6\nc7\nc8\nc9\n\n");
    }
}
