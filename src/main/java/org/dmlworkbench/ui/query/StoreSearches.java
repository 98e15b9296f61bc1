package org.dmlworkbench.ui.query;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dmlworkbench.search.GallerySearch;
import org.dmlworkbench.search.ImageSearch;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.ui.runview.LoadedRun;

/**
 * The embedding stores the Query panel searches, opened once per run and search mode (opening
 * maps the files and reopens the index: milliseconds) and closed when another run is active.
 */
final class StoreSearches {

    /** A store folder, as chosen, and how it is searched. */
    record Key(String folder, GallerySearch.Mode mode) {}

    private final Map<Key, ImageSearch> open = new HashMap<>();
    private LoadedRun openedFor;

    /** The search of the store for {@code run}; a store of another model is refused. */
    synchronized ImageSearch open(LoadedRun run, Key key) throws IOException {
        if (run != openedFor) {
            closeAll();
            openedFor = run;
        }
        ImageSearch cached = open.get(key);
        if (cached != null) {
            return cached;
        }
        GalleryStore store = GalleryStore.open(Path.of(key.folder()));
        try {
            ImageSearch search = ImageSearch.open(run.model(), store, key.mode(),
                    note -> { });
            open.put(key, search);
            return search;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    synchronized void closeAll() {
        for (ImageSearch search : open.values()) {
            try {
                search.close();
            } catch (IOException e) {
                // read-only files: nothing is lost
            }
        }
        open.clear();
        openedFor = null;
    }

    /** "the store galleries/shoes (100,000 images, approximate (...)) with run R". */
    static String describe(ImageSearch search, LoadedRun run) {
        GalleryStore store = search.store();
        return String.format(Locale.ROOT, "the store %s (%,d images, searched %s) with run %s",
                store.folder(), store.count(), search.vectorSearch().method(), run.run().name());
    }
}
