package org.dmlworkbench.search;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.dmlworkbench.store.GalleryStore;

/**
 * Picks how a store is searched. Exact search is the reference and is used for small galleries;
 * from {@link #APPROXIMATE_FROM} items on, where scanning every row costs more than the rest of a
 * query (see docs/BENCHMARKS.md, "Galleries"), the HNSW index beside the store answers when it
 * was built from this store.
 */
public final class GallerySearch {

    /**
     * Items from which the approximate index is built and used by default. Exact search over
     * 50,000 x 128-d rows takes about 3 ms here, about as long as embedding the query itself;
     * above it, exact search time grows with the gallery while HNSW stays near 1 ms.
     */
    public static final int APPROXIMATE_FROM = 50_000;

    /** How to search: decide by size, or force one method. */
    public enum Mode {
        AUTO, EXACT, APPROXIMATE;

        public static Mode parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("search must be auto, exact or approximate, got '"
                        + text + "'");
            }
        }
    }

    private GallerySearch() {}

    /** Whether a gallery of {@code count} items gets an approximate index by default. */
    public static boolean indexByDefault(long count) {
        return count >= APPROXIMATE_FROM;
    }

    /**
     * The search for {@code store}.
     *
     * @param notes told when a large store has no usable index (exact search is then used)
     */
    public static VectorSearch open(GalleryStore store, Mode mode, Consumer<String> notes)
            throws IOException {
        if (mode == Mode.EXACT) {
            return new StoreExactSearch(store);
        }
        Optional<HnswIndex> index = HnswIndex.openIfCurrent(store);
        if (mode == Mode.APPROXIMATE) {
            return index.orElseThrow(() -> new IOException(store.folder() + " has no approximate"
                    + " index built from it; run 'index build --ann always' with the same --store"));
        }
        if (indexByDefault(store.count()) && index.isPresent()) {
            return index.get();
        }
        index.ifPresent(HnswIndex::closeQuietly);
        if (indexByDefault(store.count())) {
            notes.accept(String.format(Locale.ROOT, "%s holds %,d items but no approximate index"
                    + " built from it: searching exactly (slower); 'index build' with the same"
                    + " --store adds the index", store.folder(), store.count()));
        }
        return new StoreExactSearch(store);
    }
}
