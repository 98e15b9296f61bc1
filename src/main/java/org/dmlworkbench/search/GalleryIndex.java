package org.dmlworkbench.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.Fingerprints;
import org.dmlworkbench.evaluation.TopKSelector;
import org.dmlworkbench.model.Embeddings;

/**
 * Exact nearest-neighbour search (L2) over gallery embeddings held in one contiguous float
 * array. A query scans every item (about 3 ms for 60,000 x 128 on one core), so there is no
 * approximation to tune. Equal distances rank the lower index first. Immutable and thread-safe.
 *
 * <p>An index carries a key naming what it was built from (e.g. {@link #cacheKey} of the model
 * parameters' SHA-256 and the data fingerprint), so a cached file built from something else is
 * noticed by {@link #loadIfCurrent} and rebuilt.
 */
public final class GalleryIndex implements VectorSearch {

    private static final System.Logger LOG = System.getLogger(GalleryIndex.class.getName());
    /** Queries scored together in a batch, so each gallery row is read once per tile. */
    private static final int TILE = 8;

    private final float[] data;
    private final int count;
    private final int dim;
    private final int[] labels;
    private final String[] sources;
    private final String key;

    GalleryIndex(float[] data, int count, int dim, int[] labels, String[] sources, String key) {
        this.data = data;
        this.count = count;
        this.dim = dim;
        this.labels = labels;
        this.sources = sources;
        this.key = key;
    }

    /**
     * @param sources one source string per item (entries may be null), or null for none
     * @param key what the embeddings were built from; stored with the index
     */
    public static GalleryIndex build(Embeddings embeddings, int[] labels, List<String> sources,
            String key) {
        if (labels.length != embeddings.count()) {
            throw new IllegalArgumentException("gallery: " + embeddings.count()
                    + " embeddings but " + labels.length + " labels");
        }
        if (sources != null && sources.size() != embeddings.count()) {
            throw new IllegalArgumentException("gallery: " + embeddings.count()
                    + " embeddings but " + sources.size() + " source entries");
        }
        float[] data = embeddings.data().clone();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("gallery embedding " + (i / embeddings.dim())
                        + " has a non-finite value (" + data[i] + ")");
            }
        }
        String[] sourceArray = sources == null ? null : sources.toArray(new String[0]);
        return new GalleryIndex(data, embeddings.count(), embeddings.dim(), labels.clone(),
                sourceArray, key == null ? "" : key);
    }

    /** A SHA-256 over the parts (each length-prefixed, so ("ab","c") differs from ("a","bc")). */
    public static String cacheKey(String... parts) {
        MessageDigest digest = Fingerprints.newDigest();
        for (String part : parts) {
            byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The gallery's embeddings as built (not normalised), row i = gallery item i. */
    public Embeddings embeddings() {
        return new Embeddings(data, count, dim);
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public String method() {
        return "exact (in memory)";
    }

    @Override
    public boolean exact() {
        return true;
    }

    public String key() {
        return key;
    }

    public int label(int index) {
        return labels[index];
    }

    /** The item's source, or null when unknown. */
    public String source(int index) {
        return sources == null ? null : sources[index];
    }

    /** The k nearest items to {@code query}, nearest first (fewer when the gallery is smaller). */
    @Override
    public List<Neighbor> search(float[] query, int k) {
        checkQuery(query, 0);
        float[] scores = new float[count];
        for (int j = 0; j < count; j++) {
            scores[j] = squaredDistance(query, 0, data, j * dim, dim);
        }
        return neighbours(query, 0, scores, k, new TopKSelector());
    }

    /** {@link #search(float[], int)} for each query row, in parallel. */
    public List<List<Neighbor>> search(Embeddings queries, int k) {
        float[] q = queries.data();
        for (int i = 0; i < queries.count(); i++) {
            checkQuery(queries.row(i), i);
        }
        List<List<Neighbor>> results = new ArrayList<>(queries.count());
        for (int i = 0; i < queries.count(); i++) {
            results.add(null);
        }
        int tiles = (queries.count() + TILE - 1) / TILE;
        IntStream.range(0, tiles).parallel().forEach(tile -> {
            int from = tile * TILE;
            int to = Math.min(queries.count(), from + TILE);
            float[][] scores = new float[to - from][count];
            for (int j = 0; j < count; j++) {
                for (int i = from; i < to; i++) {
                    scores[i - from][j] = squaredDistance(q, i * dim, data, j * dim, dim);
                }
            }
            TopKSelector selector = new TopKSelector();
            for (int i = from; i < to; i++) {
                results.set(i, neighbours(q, i * dim, scores[i - from], k, selector));
            }
        });
        return results;
    }

    private List<Neighbor> neighbours(float[] query, int queryOffset, float[] scores, int k,
            TopKSelector selector) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int[] nearest = new int[Math.min(k, count)];
        int found = selector.select(scores, count, k, -1, nearest);
        List<Neighbor> result = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            int item = nearest[i];
            result.add(new Neighbor(item, labels[item],
                    exactDistance(query, queryOffset, item), source(item)));
        }
        return List.copyOf(result);
    }

    private void checkQuery(float[] query, int row) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query " + row + " has " + query.length
                    + " dimensions but the gallery has " + dim);
        }
        for (float v : query) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("query " + row + " has a non-finite value ("
                        + v + ")");
            }
        }
    }

    /** Four running sums let the CPU overlap the additions; float is ample for ranking. */
    static float squaredDistance(float[] a, int aOffset, float[] b, int bOffset,
            int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < length; j += 4) {
            float d0 = a[aOffset + j] - b[bOffset + j];
            float d1 = a[aOffset + j + 1] - b[bOffset + j + 1];
            float d2 = a[aOffset + j + 2] - b[bOffset + j + 2];
            float d3 = a[aOffset + j + 3] - b[bOffset + j + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < length; j++) {
            float d = a[aOffset + j] - b[bOffset + j];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The reported distance, summed in double. */
    private double exactDistance(float[] query, int queryOffset, int item) {
        double sum = 0;
        for (int j = 0; j < dim; j++) {
            double d = (double) query[queryOffset + j] - data[item * dim + j];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** Writes the index to {@code file} atomically (temp file in the same folder, then move). */
    public void save(Path file) throws IOException {
        GalleryIndexFile.write(file, data, count, dim, labels, sources, key);
    }

    /** Reads an index; a damaged or foreign file gives a {@link DataFormatException}. */
    public static GalleryIndex load(Path file) throws IOException {
        return GalleryIndexFile.read(file, null);
    }

    /** {@link #loadIfCurrent(Path, String, Consumer)} reporting problems to the log. */
    public static Optional<GalleryIndex> loadIfCurrent(Path file, String key) {
        return loadIfCurrent(file, key, problem -> LOG.log(System.Logger.Level.WARNING, problem));
    }

    /**
     * The cached index at {@code file} if it exists, is intact and was built for {@code key};
     * otherwise empty. A damaged or unreadable file is described to {@code problems}, never
     * thrown; a missing or stale one is simply empty.
     */
    public static Optional<GalleryIndex> loadIfCurrent(Path file, String key,
            Consumer<String> problems) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(GalleryIndexFile.read(file, key == null ? "" : key));
        } catch (DataFormatException | IOException e) {
            problems.accept("gallery cache " + file + " is unusable and will be rebuilt: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The cached index when current, else {@code build}'s, which is then saved to {@code file}
     * (a failed save is reported to {@code problems}; the built index is still returned).
     */
    public static GalleryIndex loadOrBuild(Path file, String key, Supplier<GalleryIndex> build,
            Consumer<String> problems) {
        Optional<GalleryIndex> cached = loadIfCurrent(file, key, problems);
        if (cached.isPresent()) {
            return cached.get();
        }
        GalleryIndex built = build.get();
        if (!built.key.equals(key == null ? "" : key)) {
            throw new IllegalArgumentException("the built gallery has key " + built.key
                    + " but the cache asks for " + key);
        }
        try {
            built.save(file);
        } catch (IOException e) {
            problems.accept("could not cache the gallery index at " + file + ": " + e);
        }
        return built;
    }

    @Override
    public String toString() {
        return "GalleryIndex[" + count + " x " + dim + ", labels "
                + Arrays.stream(labels).distinct().count() + " classes, key " + key + "]";
    }
}
