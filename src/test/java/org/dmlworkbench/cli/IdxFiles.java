package org.dmlworkbench.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an IDX folder (the four uncompressed split files) of 28x28 images with given labels. */
final class IdxFiles {

    private IdxFiles() {}

    static void write(Path folder, int[] trainLabels, int[] testLabels) throws IOException {
        Files.createDirectories(folder);
        images(folder.resolve("train-images-idx3-ubyte"), trainLabels);
        labels(folder.resolve("train-labels-idx1-ubyte"), trainLabels);
        images(folder.resolve("t10k-images-idx3-ubyte"), testLabels);
        labels(folder.resolve("t10k-labels-idx1-ubyte"), testLabels);
    }

    private static void images(Path file, int[] labels) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x00000803);
            out.writeInt(labels.length);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < labels.length; i++) {
                for (int p = 0; p < 28 * 28; p++) {
                    out.write((p * 7 + labels[i] * 31 + i) & 0xFF);
                }
            }
        }
    }

    private static void labels(Path file, int[] labels) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(0x00000801);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.write(label);
            }
        }
    }
}
