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
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.Fingerprints;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.neighbours.ExactKnn;
import org.dmlworkbench.neighbours.ReferenceRows;
import org.dmlworkbench.neighbours.SquaredDistance;

/**
 * Exact nearest-neighbour search (L2) over gallery embeddings held in one contiguous float
 * array. A query scans every item (about 3 ms for 60,000 x 128 on one core), so there is no
 * approximation to tune. Equal distances rank the lower index first. The scan is the shared
 * kernel {@link ExactKnn}, ranking by exact differences. Immutable and thread-safe.
 *
 * <p>An index carries a key naming what it was built from (e.g. {@link #cacheKey} of the model
 * parameters' SHA-256 and the data fingerprint), so a cached file built from something else is
 * noticed by {@link #loadIfCurrent} and rebuilt.
 */
public final class GalleryIndex implements VectorSearch {

    private static final System.Logger LOG = System.getLogger(GalleryIndex.class.getName());

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
        return nearest(query, 1, k).get(0);
    }

    /** {@link #search(float[], int)} for each query row, in parallel. */
    public List<List<Neighbor>> search(Embeddings queries, int k) {
        for (int i = 0; i < queries.count(); i++) {
            checkQuery(queries.row(i), i);
        }
        return nearest(queries.data(), queries.count(), k);
    }

    private List<List<Neighbor>> nearest(float[] queries, int queryCount, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return ExactKnn.over(ReferenceRows.of(data, count, dim)).collect(queries, queryCount, k,
                (query, nearest, found) -> neighbours(queries, query * dim, nearest, found));
    }

    private List<Neighbor> neighbours(float[] queries, int queryOffset, int[] nearest,
            int found) {
        List<Neighbor> result = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            int item = nearest[i];
            double squared = SquaredDistance.exact(queries, queryOffset, data, item * dim, dim);
            result.add(new Neighbor(item, labels[item], Math.sqrt(squared), source(item)));
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
