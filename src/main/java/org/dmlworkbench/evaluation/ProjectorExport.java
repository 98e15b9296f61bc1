package org.dmlworkbench.evaluation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.io.AtomicFiles;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.dmlworkbench.model.Embeddings;

/**
 * Writes embeddings for the TensorBoard Embedding Projector (projector.tensorflow.org, "Load"):
 * a vectors file (one row per item, tab-separated floats, no header) and a metadata file (one
 * row per item in the same order; a single label column has no header, while label plus class
 * name get the header {@code label\tclass}, as the Projector expects). Both are written
 * atomically.
 */
public final class ProjectorExport {

    private ProjectorExport() {}

    /**
     * Writes either file or both (a null path is skipped) after checking they describe the same
     * number of items.
     */
    public static void write(Path embeddingsFile, Path metadataFile, Embeddings embeddings,
            int[] labels, List<String> classNames) throws IOException {
        if (labels.length != embeddings.count()) {
            throw new IllegalArgumentException(embeddings.count() + " embeddings but "
                    + labels.length + " labels: the Projector pairs rows by position");
        }
        if (embeddingsFile != null) {
            writeEmbeddings(embeddingsFile, embeddings);
        }
        if (metadataFile != null) {
            writeMetadata(metadataFile, labels, classNames);
        }
    }

    public static void writeEmbeddings(Path file, Embeddings embeddings) throws IOException {
        float[] data = embeddings.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("embedding " + (i / embeddings.dim())
                        + " has a non-finite value (" + data[i] + "), which " + file
                        + " cannot hold");
            }
        }
        writeAtomically(file, out -> {
            StringBuilder line = new StringBuilder();
            for (int row = 0; row < embeddings.count(); row++) {
                line.setLength(0);
                for (int column = 0; column < embeddings.dim(); column++) {
                    if (column > 0) {
                        line.append('\t');
                    }
                    line.append(embeddings.get(row, column));
                }
                out.write(line.append('\n').toString());
            }
        });
    }

    /**
     * @param classNames names indexed by label, or null to write the labels alone
     */
    public static void writeMetadata(Path file, int[] labels, List<String> classNames)
            throws IOException {
        if (classNames != null) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new IllegalArgumentException("label " + labels[i] + " of item " + i
                            + " has no class name (" + classNames.size() + " names given)");
                }
            }
        }
        writeAtomically(file, out -> {
            if (classNames != null) {
                out.write("label\tclass\n");
            }
            for (int label : labels) {
                out.write(Integer.toString(label));
                if (classNames != null) {
                    out.write('\t');
                    out.write(cell(classNames.get(label)));
                }
                out.write('\n');
            }
        });
    }

    /** Tabs and line breaks would split the cell, and an empty cell is read as missing. */
    private static String cell(String text) {
        String cleaned = text == null ? "" : text.replaceAll("[\\t\\r\\n]+", " ").strip();
        return cleaned.isEmpty() ? "(unnamed)" : cleaned;
    }

    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private static void writeAtomically(Path file, Content content) throws IOException {
        AtomicFiles.write(file, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            content.writeTo(out);
            out.flush();
        });
    }
}
