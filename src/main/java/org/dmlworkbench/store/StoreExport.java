package org.dmlworkbench.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.io.OutputFolders;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Writes a store in formats that scalable vector stores load without conversion (the files and
 * how each is imported are in docs/VECTOR-STORES.md). Everything is streamed row by row, so a
 * store of any size is exported in constant memory. Item ids are the store's row numbers.
 */
public final class StoreExport {

    /** What can be written. */
    public enum Format {
        /** gallery.faiss: a FAISS IndexFlatL2, for faiss.read_index. */
        FAISS,
        /** vectors.npy, ids.npy, labels.npy: NumPy arrays (FAISS add_with_ids, Qdrant, LanceDB). */
        NUMPY,
        /** milvus-rows.json: Milvus bulk import, row-based JSON. */
        MILVUS,
        /** pgvector.csv and pgvector.sql: PostgreSQL with pgvector, loaded by \copy. */
        PGVECTOR;

        public static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("export format must be faiss, numpy, milvus or"
                        + " pgvector, got '" + text + "'");
            }
        }
    }

    private static final int ROWS_PER_BLOCK = 4096;

    private StoreExport() {}

    /** Writes the formats into {@code out} (new or empty); returns the files written. */
    public static List<Path> export(GalleryStore store, Path out, List<Format> formats,
            ProgressListener progress, Cancellation cancel) throws IOException {
        OutputFolders.createNewOrEmpty(out, "export folder");
        List<Path> written = new ArrayList<>();
        for (Format format : formats) {
            switch (format) {
                case FAISS -> written.add(write(out.resolve("gallery.faiss"), o -> faiss(store, o,
                        progress, cancel)));
                case NUMPY -> {
                    written.add(write(out.resolve("vectors.npy"), o -> vectors(store, o, progress,
                            cancel)));
                    written.add(write(out.resolve("ids.npy"), o -> ids(store, o)));
                    written.add(write(out.resolve("labels.npy"), o -> labels(store, o)));
                }
                case MILVUS -> written.add(write(out.resolve("milvus-rows.json"),
                        o -> TextRows.milvus(store, o, progress, cancel)));
                case PGVECTOR -> {
                    written.add(write(out.resolve("pgvector.csv"), o -> TextRows.pgvectorCsv(store,
                            o, progress, cancel)));
                    written.add(write(out.resolve("pgvector.sql"), o -> o.write(
                            TextRows.pgvectorSql(store).getBytes(StandardCharsets.UTF_8))));
                }
                default -> throw new IllegalStateException("unknown format " + format);
            }
        }
        return written;
    }

    private static Path write(Path file, AtomicFiles.Writer writer) throws IOException {
        AtomicFiles.write(file, writer);
        return file;
    }

    /**
     * FAISS's own serialisation of an IndexFlatL2 (faiss/impl/index_write.cpp): the fourcc
     * "IxF2", the Index header (d as int32, ntotal as int64, two int64 placeholders 2^20, the
     * is_trained byte, metric_type as int32: 1 = L2), then the codes as a vector of
     * ntotal * d floats prefixed by that count as a uint64. Little-endian, as FAISS writes on
     * x86 and ARM.
     */
    static void faiss(GalleryStore store, OutputStream out, ProgressListener progress,
            Cancellation cancel) throws IOException {
        long count = store.count();
        int dim = store.dim();
        ByteBuffer header = ByteBuffer.allocate(4 + 4 + 8 + 8 + 8 + 1 + 4 + 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        header.put("IxF2".getBytes(StandardCharsets.US_ASCII));
        header.putInt(dim).putLong(count).putLong(1L << 20).putLong(1L << 20);
        header.put((byte) 1).putInt(1);
        header.putLong(count * dim);
        out.write(header.array());
        floats(store, out, "export FAISS index", progress, cancel);
    }

    /** The embeddings as float32 .npy (the store's own file, copied). */
    static void vectors(GalleryStore store, OutputStream out, ProgressListener progress,
            Cancellation cancel) throws IOException {
        out.write(new NpyHeader(NpyHeader.FLOAT32, store.count(), store.dim()).bytes());
        floats(store, out, "export vectors.npy", progress, cancel);
    }

    private static void floats(GalleryStore store, OutputStream out, String task,
            ProgressListener progress, Cancellation cancel) throws IOException {
        int count = store.count();
        int dim = store.dim();
        float[] rows = new float[ROWS_PER_BLOCK * dim];
        ByteBuffer bytes = ByteBuffer.allocate(rows.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < count; from += ROWS_PER_BLOCK) {
            cancel.throwIfCancelled();
            int n = Math.min(ROWS_PER_BLOCK, count - from);
            store.vectors().rows(from, n, rows, 0);
            bytes.clear();
            bytes.asFloatBuffer().put(rows, 0, n * dim);
            out.write(bytes.array(), 0, n * dim * 4);
            progress.update(task, from + n, count, "rows");
        }
    }

    static void ids(GalleryStore store, OutputStream out) throws IOException {
        out.write(new NpyHeader(NpyHeader.INT64, store.count(), 0).bytes());
        ByteBuffer bytes = ByteBuffer.allocate(8 * ROWS_PER_BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < store.count(); from += ROWS_PER_BLOCK) {
            int n = Math.min(ROWS_PER_BLOCK, store.count() - from);
            bytes.clear();
            for (int i = 0; i < n; i++) {
                bytes.putLong(from + i);
            }
            out.write(bytes.array(), 0, n * 8);
        }
    }

    static void labels(GalleryStore store, OutputStream out) throws IOException {
        Files.copy(store.folder().resolve(StoreFiles.LABELS), out);
    }
}
