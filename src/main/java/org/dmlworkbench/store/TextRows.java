package org.dmlworkbench.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * The row-by-row text exports: Milvus's row-based JSON and a CSV that PostgreSQL's \copy loads
 * into a pgvector column. Floats are written with Java's shortest round-trip form, so the
 * vectors read back bit-identical.
 */
final class TextRows {

    private static final int ROWS_PER_BLOCK = 1024;

    private TextRows() {}

    /** {"rows": [{"id": 0, "vector": [..], "label": 3, "class": "..", "path": ".."}, ...]} */
    static void milvus(GalleryStore store, OutputStream stream, ProgressListener progress,
            Cancellation cancel) throws IOException {
        Writer out = writer(stream);
        out.write("{\"rows\": [\n");
        rows(store, progress, cancel, "export Milvus rows", (row, vector) -> {
            out.write(row == 0 ? "  {" : ",\n  {");
            out.write("\"id\": " + row + ", \"vector\": ");
            vector(out, vector);
            out.write(", \"label\": " + store.label(row) + ", \"class\": " + jsonString(store.className(row))
                    + ", \"path\": " + jsonString(store.relativePath(row)) + "}");
        });
        out.write("\n]}\n");
        out.flush();
    }

    /** Header "id,label,class,path,embedding"; the embedding as pgvector's text form "[..]". */
    static void pgvectorCsv(GalleryStore store, OutputStream stream, ProgressListener progress,
            Cancellation cancel) throws IOException {
        Writer out = writer(stream);
        out.write("id,label,class,path,embedding\n");
        rows(store, progress, cancel, "export pgvector CSV", (row, vector) -> {
            out.write(row + "," + store.label(row) + "," + csvField(store.className(row)) + ","
                    + csvField(store.relativePath(row)) + ",\"");
            vector(out, vector);
            out.write("\"\n");
        });
        out.flush();
    }

    /** The table, the \copy that loads the CSV beside it, and an HNSW index like ours. */
    static String pgvectorSql(GalleryStore store) {
        return "-- Load with: psql -d DATABASE -f pgvector.sql   (run from this folder)\n"
                + "CREATE EXTENSION IF NOT EXISTS vector;\n"
                + "CREATE TABLE gallery (\n"
                + "  id bigint PRIMARY KEY,\n"
                + "  label integer NOT NULL,\n"
                + "  class text NOT NULL,\n"
                + "  path text NOT NULL,\n"
                + "  embedding vector(" + store.dim() + ") NOT NULL\n"
                + ");\n"
                + "\\copy gallery (id, label, class, path, embedding) FROM 'pgvector.csv' WITH (FORMAT csv, HEADER true)\n"
                + "CREATE INDEX ON gallery USING hnsw (embedding vector_l2_ops) WITH (m = 16, ef_construction = 100);\n"
                + "-- Nearest 10 to a query vector q:\n"
                + "--   SELECT id, path, embedding <-> '[...]' AS distance FROM gallery ORDER BY embedding <-> '[...]' LIMIT 10;\n";
    }

    @FunctionalInterface
    private interface RowWriter {
        void write(int row, float[] vector) throws IOException;
    }

    private static void rows(GalleryStore store, ProgressListener progress, Cancellation cancel,
            String task, RowWriter writer) throws IOException {
        int dim = store.dim();
        float[] block = new float[ROWS_PER_BLOCK * dim];
        float[] vector = new float[dim];
        for (int from = 0; from < store.count(); from += ROWS_PER_BLOCK) {
            cancel.throwIfCancelled();
            int n = Math.min(ROWS_PER_BLOCK, store.count() - from);
            store.vectors().rows(from, n, block, 0);
            for (int i = 0; i < n; i++) {
                System.arraycopy(block, i * dim, vector, 0, dim);
                writer.write(from + i, vector);
            }
            progress.update(task, from + n, store.count(), "rows");
        }
    }

    private static Writer writer(OutputStream stream) {
        return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void vector(Writer out, float[] vector) throws IOException {
        out.write('[');
        for (int j = 0; j < vector.length; j++) {
            if (j > 0) {
                out.write(',');
            }
            out.write(Float.toString(vector[j]));
        }
        out.write(']');
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
    static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0
                && text.indexOf('\r') < 0) {
            return text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
