package org.dmlworkbench.bench.cases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.bench.MemoryProbe;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.search.HnswIndex;
import org.dmlworkbench.search.Neighbor;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.store.NpyHeader;

/**
 * The serving side of the ANN benchmark, run as a fresh JVM so that its figures are those of a
 * process that only searches: the time to open the store and its index (class loading
 * included), query latencies for each efSearch, the answers (for recall, computed by the
 * parent against exact search), and the peak RSS (VmHWM: heap, JIT and the mapped pages the
 * queries touched).
 *
 * <p>Arguments: STORE QUERIES.npy K WARMUPS EF[,EF...] OUT.json
 */
public final class AnnQueryProbe {

    private AnnQueryProbe() {}

    public static void main(String[] args) throws Exception {
        Path storeFolder = Path.of(args[0]);
        float[][] queries = readQueries(Path.of(args[1]));
        int k = Integer.parseInt(args[2]);
        int warmups = Integer.parseInt(args[3]);
        List<Integer> efs = new ArrayList<>();
        for (String ef : args[4].split(",")) {
            efs.add(Integer.parseInt(ef));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (GalleryStore store = GalleryStore.open(storeFolder);
                HnswIndex index = HnswIndex.openIfCurrent(store).orElseThrow(
                        () -> new IllegalStateException("no current HNSW index in " + storeFolder))) {
            out.put("open_ms", (System.nanoTime() - start) / 1e6);
            // a second open in the same process: what reopening costs once the classes are loaded
            long again = System.nanoTime();
            GalleryStore reopened = GalleryStore.open(storeFolder);
            HnswIndex reindex = HnswIndex.openIfCurrent(reopened).orElseThrow();
            out.put("reopen_ms", (System.nanoTime() - again) / 1e6);
            reindex.close();
            reopened.close();
            List<Map<String, Object>> runs = new ArrayList<>();
            for (int ef : efs) {
                HnswIndex searcher = index.withEfSearch(ef);
                for (int w = 0; w < warmups; w++) {
                    searcher.search(queries[w % queries.length], k);
                }
                double[] millis = new double[queries.length];
                int[][] answers = new int[queries.length][];
                for (int q = 0; q < queries.length; q++) {
                    long t = System.nanoTime();
                    List<Neighbor> found = searcher.search(queries[q], k);
                    millis[q] = (System.nanoTime() - t) / 1e6;
                    answers[q] = found.stream().mapToInt(Neighbor::index).toArray();
                }
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("ef", ef);
                run.put("millis", millis);
                run.put("answers", answers);
                runs.add(run);
            }
            out.put("runs", runs);
        }
        out.put("peak_rss_bytes", MemoryProbe.peakResidentBytes().orElse(-1));
        out.put("rss_bytes", MemoryProbe.residentBytes().orElse(-1));
        out.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        Files.writeString(Path.of(args[5]), Json.toJson(out));
    }

    /** Queries as float32 (Q, D) .npy, as {@link #writeQueries} writes them. */
    static float[][] readQueries(Path file) throws java.io.IOException {
        NpyHeader header = NpyHeader.read(file, NpyHeader.FLOAT32);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(file))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.position(NpyHeader.LENGTH);
        java.nio.FloatBuffer floats = bytes.asFloatBuffer();
        float[][] queries = new float[(int) header.rows()][header.columns()];
        for (float[] query : queries) {
            floats.get(query);
        }
        return queries;
    }

    static void writeQueries(Path file, float[][] queries) throws java.io.IOException {
        int dim = queries[0].length;
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(NpyHeader.LENGTH
                + queries.length * dim * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.put(new NpyHeader(NpyHeader.FLOAT32, queries.length, dim).bytes());
        for (float[] query : queries) {
            for (float v : query) {
                bytes.putFloat(v);
            }
        }
        Files.write(file, bytes.array());
    }
}
