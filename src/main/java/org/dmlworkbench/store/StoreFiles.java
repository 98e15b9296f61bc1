package org.dmlworkbench.store;

import java.nio.file.Path;

/** The names of the files in a store folder (docs/GALLERIES.md describes each). */
public final class StoreFiles {

    /** float32 (count, dim): row i is the embedding of item i. */
    public static final String EMBEDDINGS = "embeddings.npy";
    /** int32 (count,): the class label of item i, -1 when it sits in no class folder. */
    public static final String LABELS = "labels.npy";
    /** Tab-separated, one header line, then "row, label, class, path" per item. */
    public static final String ITEMS = "items.tsv";
    /** int64 (count + 1,): byte offset of each item's line in items.tsv, then the file size. */
    public static final String ITEM_OFFSETS = "item-offsets.npy";
    /** Tab-separated "path, reason" of the images skipped with --skip-bad. */
    public static final String SKIPPED = "skipped.tsv";
    /** The manifest; written last, so it marks a complete store. */
    public static final String MANIFEST = "store.json";
    /** The checkpoint of a build in progress. */
    public static final String BUILD_STATE = "build.json";
    /** Held while a build writes the folder. */
    public static final String LOCK = ".build.lock";
    /** The approximate-search index (Lucene HNSW) beside the store, and its parameters. */
    public static final String HNSW_FOLDER = "hnsw";
    public static final String HNSW_MANIFEST = "hnsw.json";
    /** Suffix of a file still being written. */
    public static final String PARTIAL = ".partial";

    static final String ITEMS_HEADER = "row\tlabel\tclass\tpath\n";

    private StoreFiles() {}

    static Path partial(Path folder, String name) {
        return folder.resolve(name + PARTIAL);
    }
}
