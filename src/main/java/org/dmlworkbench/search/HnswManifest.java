package org.dmlworkbench.search;

import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.store.StoreFingerprint;

/**
 * {@code STORE/hnsw.json}: how the approximate index beside a store was built. Written after the
 * index folder is complete and in place, so its presence marks a usable index.
 *
 * @param storeKey which store (and which build of it) the index was made from
 * @param library the library and its version, e.g. "Apache Lucene 9.12.3"
 * @param similarity the vector similarity the graph was built with
 * @param buildSeconds wall time of the build
 * @param sizeBytes bytes of the index folder
 * @param segments Lucene segments (1 after the final merge)
 */
public record HnswManifest(int format, String storeKey, long count, int dim, String library,
        String similarity, int maxConn, int beamWidth, int efSearch, double buildSeconds,
        long sizeBytes, int segments, String created) {

    public static final int FORMAT = 1;

    public HnswParameters parameters() {
        return new HnswParameters(maxConn, beamWidth, efSearch);
    }

    /** Changes whenever the store is rebuilt (its creation time is part of it). */
    public static String storeKey(GalleryStore store) {
        return StoreFingerprint.digest("hnsw-v1", store.manifest().fingerprint(),
                store.manifest().created(), String.valueOf(store.count()),
                String.valueOf(store.dim()), store.manifest().listingSha256());
    }
}
