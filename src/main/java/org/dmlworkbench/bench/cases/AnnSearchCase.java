package org.dmlworkbench.bench.cases;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.MemoryProbe;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.search.HnswBuilder;
import org.dmlworkbench.search.HnswManifest;
import org.dmlworkbench.search.HnswParameters;
import org.dmlworkbench.search.Neighbor;
import org.dmlworkbench.search.StoreExactSearch;
import org.dmlworkbench.store.GalleryStore;

/**
 * A gallery store searched approximately, measured against exact search: the HNSW build (time,
 * index size, peak RSS), then a fresh JVM ({@link AnnQueryProbe}) that opens the store and its
 * index and answers the queries for several efSearch values (open time, p50/p99 latency, peak
 * RSS), and recall@10 of its answers against exact search over the same store on the same
 * queries. The gallery comes from a {@link Source}: seeded synthetic vectors, or images embedded
 * by the pipeline ({@code index build}'s {@code FolderEmbedder}).
 */
public final class AnnSearchCase implements BenchCase {

    private static final int K = 10;
    private static final int EXACT_TIMED = 20;

    /** Makes the gallery store and the queries. */
    public interface Source {
        /** e.g. "1m synthetic" */
        String label();

        /** Writes the store into {@code folder}; returns the queries (never gallery rows). */
        float[][] prepare(Path folder, BenchContext context) throws Exception;

        /** What the gallery is, for the table. */
        String describe();
    }

    private final Source source;
    private final int queries;
    private final int warmups;
    private final List<Integer> efs;

    public AnnSearchCase(Source source, int queries, int warmups, List<Integer> efs) {
        this.source = source;
        this.queries = queries;
        this.warmups = warmups;
        this.efs = List.copyOf(efs);
    }

    @Override
    public String name() {
        return "ann " + source.label();
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Path folder = context.scratch().resolve("store");
        float[][] query = source.prepare(folder, context);
        float[][] used = java.util.Arrays.copyOf(query, Math.min(queries, query.length));
        HnswParameters parameters = HnswParameters.DEFAULTS;
        boolean reset = MemoryProbe.resetPeak();
        HnswManifest built;
        int[][] truth;
        double[] exactMillis = new double[Math.min(EXACT_TIMED, used.length)];
        int count;
        try (GalleryStore store = GalleryStore.open(folder)) {
            count = store.count();
            context.log().printf(Locale.ROOT, "  store: %,d x %d; building the HNSW index (%s)%n",
                    count, store.dim(), parameters);
            built = HnswBuilder.build(store, parameters, ConsoleProgress.every(context.log(), 30),
                    Cancellation.none());
            context.log().printf(Locale.ROOT, "  built in %.0f s; exact search of %d queries%n",
                    built.buildSeconds(), used.length);
            StoreExactSearch exact = new StoreExactSearch(store);
            truth = rows(exact.search(used, K));
            for (int q = 0; q < exactMillis.length; q++) {
                long start = System.nanoTime();
                exact.search(used[q], K);
                exactMillis[q] = (System.nanoTime() - start) / 1e6;
            }
        }
        double buildPeak = MemoryProbe.mib(MemoryProbe.peakResidentBytes().orElse(0));
        JsonObject probe = probe(folder, used, context);
        String size = String.format(Locale.ROOT, "%,d x %d-d, %s", count, query[0].length,
                source.describe());
        String querySize = size + String.format(Locale.ROOT, ", top %d, %,d queries", K, used.length);
        List<BenchResult> rows = new ArrayList<>();
        rows.add(new BenchResult(name() + " build time", size, BenchStats.single(built.buildSeconds()),
                "s", "Lucene HNSW, " + parameters.maxConn() + " connections, beam width "
                        + parameters.beamWidth() + ", one thread adding, merged to "
                        + built.segments() + " segment"));
        rows.add(new BenchResult(name() + " index size", size,
                BenchStats.single(MemoryProbe.mib(built.sizeBytes())), "MiB",
                "hnsw/ beside the store (vectors and graph); the store itself is "
                        + String.format(Locale.ROOT, "%.0f MiB",
                                MemoryProbe.mib(4L * count * query[0].length))));
        if (reset) {
            rows.add(new BenchResult(name() + " build peak RSS", size, BenchStats.single(buildPeak),
                    "MiB", "VmHWM of the building process (heap " + (Runtime.getRuntime().maxMemory() >> 20)
                            + " MiB max)"));
        }
        rows.add(new BenchResult(name() + " open", size,
                BenchStats.single(probe.get("open_ms").getAsDouble()), "ms",
                String.format(Locale.ROOT, "store and index in a fresh JVM, class loading included;"
                        + " reopened %.1f ms", probe.get("reopen_ms").getAsDouble())));
        for (var element : probe.getAsJsonArray("runs")) {
            JsonObject run = element.getAsJsonObject();
            int ef = run.get("ef").getAsInt();
            double[] millis = doubles(run.getAsJsonArray("millis"));
            double recall = recall(truth, ints(run.getAsJsonArray("answers")));
            BenchStats stats = BenchStats.of(millis);
            boolean chosen = ef == parameters.efSearch();
            String label = chosen ? name() : name() + " ef " + ef;
            String why = chosen ? "efSearch " + ef + " (the default)" : "efSearch " + ef;
            rows.add(new BenchResult(label + " recall@10", querySize, BenchStats.single(recall),
                    "share", why + ": share of the exact top 10 found"));
            rows.add(new BenchResult(label + " query p50", querySize, stats, "ms",
                    why + ": search and exact rerank, one query at a time"));
            rows.add(new BenchResult(label + " query p99", querySize, BenchStats.single(stats.p99()),
                    "ms", why));
        }
        rows.add(new BenchResult(name() + " serving peak RSS", querySize,
                BenchStats.single(MemoryProbe.mib(probe.get("peak_rss_bytes").getAsLong())), "MiB",
                "VmHWM of the fresh JVM that opened and queried (heap max "
                        + (probe.get("max_heap_bytes").getAsLong() >> 20) + " MiB)"));
        rows.add(new BenchResult(name() + " exact query p50", size, BenchStats.of(exactMillis),
                "ms", "the reference: every row scored, " + Runtime.getRuntime().availableProcessors()
                        + " threads"));
        return rows;
    }

    private JsonObject probe(Path folder, float[][] used, BenchContext context) throws Exception {
        Path queryFile = context.scratch().resolve("queries.npy");
        Path out = context.scratch().resolve("probe.json");
        AnnQueryProbe.writeQueries(queryFile, used);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp",
                System.getProperty("java.class.path"), AnnQueryProbe.class.getName(),
                folder.toString(), queryFile.toString(), String.valueOf(K),
                String.valueOf(warmups), efs.stream().map(String::valueOf)
                        .reduce((a, b) -> a + "," + b).orElseThrow(), out.toString()));
        context.log().println("  querying in a fresh JVM: " + String.join(" ", command.subList(3,
                command.size())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the query process failed (exit "
                    + (process.isAlive() ? "timeout" : process.exitValue()) + ")");
        }
        return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    }

    static double recall(int[][] truth, int[][] found) {
        long hits = 0;
        long total = 0;
        for (int q = 0; q < truth.length; q++) {
            Set<Integer> expected = new HashSet<>();
            for (int row : truth[q]) {
                expected.add(row);
            }
            for (int row : found[q]) {
                hits += expected.contains(row) ? 1 : 0;
            }
            total += truth[q].length;
        }
        return (double) hits / total;
    }

    private static int[][] rows(List<List<Neighbor>> answers) {
        return answers.stream().map(a -> a.stream().mapToInt(Neighbor::index).toArray())
                .toArray(int[][]::new);
    }

    private static double[] doubles(JsonArray array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsDouble();
        }
        return out;
    }

    private static int[][] ints(JsonArray array) {
        int[][] out = new int[array.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonArray row = array.get(i).getAsJsonArray();
            out[i] = new int[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = row.get(j).getAsInt();
            }
        }
        return out;
    }
}
