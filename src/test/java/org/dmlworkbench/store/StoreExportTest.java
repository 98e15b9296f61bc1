package org.dmlworkbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports of a two-row store, checked byte by byte against each format's definition. */
class StoreExportTest {

    @TempDir
    Path temp;
    Path store;

    @BeforeEach
    void writeTwoRows() throws IOException {
        store = temp.resolve("store");
        StoreManifest identity = new StoreManifest(StoreManifest.FORMAT, null, "fp", "run", "", "",
                "/photos", "listing", 0, 0, List.of("shoes", "bags, \"big\""), 0, 0);
        try (StoreWriter writer = StoreWriter.startOrResume(store, identity, 2)) {
            writer.append(new float[] {1f, 2.5f, -3f, 0.1f, 0f, 1e-7f}, 2, 3, new int[] {0, 1},
                    new String[] {"shoes", "bags, \"big\""},
                    new String[] {"shoes/a.png", "bags, \"big\"/b.png"});
            writer.checkpoint(2);
            writer.finish();
        }
    }

    private List<Path> export(StoreExport.Format format) throws IOException {
        try (GalleryStore opened = GalleryStore.open(store)) {
            return StoreExport.export(opened, temp.resolve("out-" + format), List.of(format),
                    ProgressListener.NONE, Cancellation.none());
        }
    }

    @Test
    void faissFileIsAnIndexFlatL2() throws IOException {
        Path file = export(StoreExport.Format.FAISS).get(0);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4 + 4 + 8 + 8 + 8 + 1 + 4 + 8 + 6 * 4, bytes.capacity());
        byte[] fourcc = new byte[4];
        bytes.get(fourcc);
        assertEquals("IxF2", new String(fourcc, StandardCharsets.US_ASCII));
        assertEquals(3, bytes.getInt(), "d");
        assertEquals(2, bytes.getLong(), "ntotal");
        assertEquals(1L << 20, bytes.getLong());
        assertEquals(1L << 20, bytes.getLong());
        assertEquals(1, bytes.get(), "is_trained");
        assertEquals(1, bytes.getInt(), "metric_type METRIC_L2");
        assertEquals(6, bytes.getLong(), "codes: ntotal * d floats");
        float[] codes = new float[6];
        bytes.asFloatBuffer().get(codes);
        assertEquals(List.of(1f, 2.5f, -3f, 0.1f, 0f, 1e-7f), List.of(codes[0], codes[1], codes[2],
                codes[3], codes[4], codes[5]));
    }

    @Test
    void numpyFilesHoldVectorsIdsAndLabels() throws IOException {
        List<Path> files = export(StoreExport.Format.NUMPY);
        assertEquals(List.of("vectors.npy", "ids.npy", "labels.npy"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(new NpyHeader(NpyHeader.FLOAT32, 2, 3), NpyHeader.read(files.get(0), NpyHeader.FLOAT32));
        assertEquals(new NpyHeader(NpyHeader.INT64, 2, 0), NpyHeader.read(files.get(1), NpyHeader.INT64));
        ByteBuffer ids = ByteBuffer.wrap(Files.readAllBytes(files.get(1))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, ids.getLong(NpyHeader.LENGTH));
        assertEquals(1, ids.getLong(NpyHeader.LENGTH + 8));
        assertEquals(new NpyHeader(NpyHeader.INT32, 2, 0), NpyHeader.read(files.get(2), NpyHeader.INT32));
    }

    @Test
    void milvusRowsAreJsonWithTheVectorsExactly() throws IOException {
        Path file = export(StoreExport.Format.MILVUS).get(0);
        JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        var rows = root.getAsJsonArray("rows");
        assertEquals(2, rows.size());
        JsonObject second = rows.get(1).getAsJsonObject();
        assertEquals(1, second.get("id").getAsLong());
        assertEquals(1e-7f, second.getAsJsonArray("vector").get(2).getAsFloat());
        assertEquals("bags, \"big\"", second.get("class").getAsString());
        assertEquals("bags, \"big\"/b.png", second.get("path").getAsString());
    }

    @Test
    void pgvectorCsvQuotesFieldsAndWritesVectorLiterals() throws IOException {
        List<Path> files = export(StoreExport.Format.PGVECTOR);
        List<String> lines = Files.readAllLines(files.get(0));
        assertEquals("id,label,class,path,embedding", lines.get(0));
        assertEquals("0,0,shoes,shoes/a.png,\"[1.0,2.5,-3.0]\"", lines.get(1));
        assertEquals("1,1,\"bags, \"\"big\"\"\",\"bags, \"\"big\"\"/b.png\",\"[0.1,0.0,1.0E-7]\"",
                lines.get(2));
        String sql = Files.readString(files.get(1));
        assertTrue(sql.contains("embedding vector(3) NOT NULL"), sql);
        assertTrue(sql.contains("\\copy gallery (id, label, class, path, embedding) FROM 'pgvector.csv'"));
    }

    @Test
    void exportNeverWritesIntoAFolderThatHoldsFiles() throws IOException {
        Path out = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(out.resolve("mine.txt"), "keep me");
        try (GalleryStore opened = GalleryStore.open(store)) {
            IOException refused = assertThrows(IOException.class, () -> StoreExport.export(opened,
                    out, List.of(StoreExport.Format.FAISS), ProgressListener.NONE, Cancellation.none()));
            assertTrue(refused.getMessage().contains("not empty"), refused.getMessage());
        }
        assertEquals("keep me", Files.readString(out.resolve("mine.txt")));
    }
}
