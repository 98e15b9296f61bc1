package org.dmlworkbench.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.MMapDirectory;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.store.StoreFiles;
import org.dmlworkbench.store.StoreVectors;

/**
 * Approximate nearest neighbours over a store with Apache Lucene's HNSW graph, saved beside the
 * store ({@code STORE/hnsw/}, memory-mapped, so it reopens in milliseconds and its vectors stay
 * off the heap). A query explores {@code efSearch} candidates in the graph and reranks them by
 * their exact distance from the store's rows, so the answer's distances and tie order are
 * those of exact search; only the chance of missing a true neighbour remains (measured as
 * recall@10 in docs/BENCHMARKS.md). Thread-safe.
 *
 * <p>Why Lucene rather than hnswlib-java: Lucene is maintained by the Apache Software Foundation
 * with frequent releases, its on-disk format is versioned and memory-mapped (hnswlib-java's index
 * is a Java-serialised object graph that must be read wholly onto the heap: seconds and gigabytes
 * for a million vectors), and it has no dependency of its own.
 */
public final class HnswIndex implements VectorSearch, AutoCloseable {

    static final String VECTOR_FIELD = "vector";
    static final String ROW_FIELD = "row";

    private final GalleryStore store;
    private final DirectoryReader reader;
    private final HnswManifest manifest;
    private final HnswParameters parameters;

    private HnswIndex(GalleryStore store, DirectoryReader reader, HnswManifest manifest,
            HnswParameters parameters) {
        this.store = store;
        this.reader = reader;
        this.manifest = manifest;
        this.parameters = parameters;
    }

    /** The index beside {@code store} when there is one built from this very store; else empty. */
    public static Optional<HnswIndex> openIfCurrent(GalleryStore store) throws IOException {
        Path manifestFile = store.folder().resolve(StoreFiles.HNSW_MANIFEST);
        Path folder = store.folder().resolve(StoreFiles.HNSW_FOLDER);
        if (!Files.isRegularFile(manifestFile) || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        HnswManifest manifest = Json.read(manifestFile, HnswManifest.class);
        if (!manifest.storeKey().equals(HnswManifest.storeKey(store))) {
            return Optional.empty();
        }
        DirectoryReader reader = DirectoryReader.open(new MMapDirectory(folder));
        if (reader.maxDoc() != store.count() || reader.numDeletedDocs() != 0) {
            reader.close();
            throw new DataFormatException(folder, "holds " + reader.maxDoc() + " vectors but the"
                    + " store has " + store.count() + "; rebuild it with 'index build'");
        }
        return Optional.of(new HnswIndex(store, reader, manifest, manifest.parameters()));
    }

    /** The parameters and build figures recorded when the index was built. */
    public HnswManifest manifest() {
        return manifest;
    }

    public HnswParameters parameters() {
        return parameters;
    }

    /** The same index answering with another efSearch (the graph is shared). */
    public HnswIndex withEfSearch(int efSearch) {
        return new HnswIndex(store, reader, manifest, parameters.withEfSearch(efSearch));
    }

    @Override
    public int size() {
        return store.count();
    }

    @Override
    public int dim() {
        return store.dim();
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public String method() {
        return String.format(Locale.ROOT, "approximate (Lucene HNSW, %s)", parameters);
    }

    @Override
    public List<Neighbor> search(float[] query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        checkQuery(query, store.dim(), 0);
        int candidates = Math.max(k, parameters.efSearch());
        StoreVectors vectors = store.vectors();
        float[] scratch = new float[vectors.dim()];
        List<Candidate> found = new ArrayList<>(candidates);
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                TopKnnCollector collector = new TopKnnCollector(candidates, Integer.MAX_VALUE);
                leaf.reader().searchNearestVectors(VECTOR_FIELD, query, collector, null);
                ScoreDoc[] hits = collector.topDocs().scoreDocs;
                int[] docs = Arrays.stream(hits).mapToInt(h -> h.doc).sorted().toArray();
                NumericDocValues rows = leaf.reader().getNumericDocValues(ROW_FIELD);
                for (int doc : docs) {
                    if (rows == null || !rows.advanceExact(doc)) {
                        throw new DataFormatException(store.folder().resolve(StoreFiles.HNSW_FOLDER),
                                "has a vector without its row number; rebuild it with 'index build'");
                    }
                    int row = (int) rows.longValue();
                    found.add(new Candidate(row, vectors.squaredDistance(query, row, scratch)));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        found.sort(Comparator.comparingDouble(Candidate::squaredDistance)
                .thenComparingInt(Candidate::row));
        List<Neighbor> result = new ArrayList<>(Math.min(k, found.size()));
        for (int i = 0; i < found.size() && result.size() < k; i++) {
            int row = found.get(i).row();
            result.add(new Neighbor(row, store.label(row), Math.sqrt(found.get(i).squaredDistance()),
                    store.source(row)));
        }
        return List.copyOf(result);
    }

    private record Candidate(int row, double squaredDistance) {}

    static void checkQuery(float[] query, int dim, int row) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query " + row + " has " + query.length
                    + " dimensions but the gallery has " + dim);
        }
        for (float v : query) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("query " + row + " has a non-finite value (" + v + ")");
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static void closeQuietly(HnswIndex index) {
        try {
            index.close();
        } catch (IOException e) {
            // only the reader's file handles; nothing was written
        }
    }
}
