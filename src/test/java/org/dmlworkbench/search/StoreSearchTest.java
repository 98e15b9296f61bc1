package org.dmlworkbench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.bench.cases.ClusteredVectors;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.store.StoreFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact and approximate search over one store of 3,000 seeded clustered 16-d vectors (30
 * clusters on 4-d subspaces), with 100 held-out queries: the exact search over the store must
 * agree with the in-memory {@link GalleryIndex}, and HNSW must find almost all of the exact
 * top 10, with the same distances where it does.
 */
class StoreSearchTest {

    private static final int COUNT = 3_000;
    private static final int DIM = 16;
    private static final int QUERIES = 100;
    private static final ClusteredVectors VECTORS = new ClusteredVectors(DIM, 30, 4, 0.05, 11);

    @TempDir
    static Path temp;
    static Path storeFolder;

    @BeforeAll
    static void buildStoreAndIndex() throws IOException {
        storeFolder = temp.resolve("store");
        VECTORS.writeStore(storeFolder, COUNT, ProgressListener.NONE, Cancellation.none());
        try (GalleryStore store = GalleryStore.open(storeFolder)) {
            HnswBuilder.build(store, HnswParameters.DEFAULTS, ProgressListener.NONE,
                    Cancellation.none());
        }
    }

    @Test
    void exactSearchOverTheStoreMatchesTheInMemoryIndex() throws IOException {
        try (GalleryStore store = GalleryStore.open(storeFolder)) {
            float[] all = new float[COUNT * DIM];
            store.vectors().rows(0, COUNT, all, 0);
            int[] labels = new int[COUNT];
            for (int i = 0; i < COUNT; i++) {
                labels[i] = store.label(i);
            }
            GalleryIndex memory = GalleryIndex.build(new Embeddings(all, COUNT, DIM), labels, null, "");
            StoreExactSearch exact = new StoreExactSearch(store);
            for (int q = 0; q < 20; q++) {
                float[] query = VECTORS.query(q);
                List<Neighbor> expected = memory.search(query, 10);
                List<Neighbor> actual = exact.search(query, 10);
                for (int i = 0; i < 10; i++) {
                    assertEquals(expected.get(i).index(), actual.get(i).index());
                    assertEquals(expected.get(i).distance(), actual.get(i).distance(), 1e-9);
                    assertEquals("synthetic/" + actual.get(i).index(), actual.get(i).source());
                }
            }
        }
    }

    @Test
    void approximateAnswersAgreeWithExactOnes() throws IOException {
        try (GalleryStore store = GalleryStore.open(storeFolder);
                HnswIndex index = HnswIndex.openIfCurrent(store).orElseThrow()) {
            StoreExactSearch exact = new StoreExactSearch(store);
            int found = 0;
            for (int q = 0; q < QUERIES; q++) {
                float[] query = VECTORS.query(q);
                List<Neighbor> truth = exact.search(query, 10);
                List<Neighbor> approximate = index.search(query, 10);
                assertEquals(10, approximate.size());
                List<Integer> truthRows = new ArrayList<>();
                truth.forEach(n -> truthRows.add(n.index()));
                for (Neighbor n : approximate) {
                    if (truthRows.contains(n.index())) {
                        found++;
                        Neighbor same = truth.get(truthRows.indexOf(n.index()));
                        assertEquals(same.distance(), n.distance(), 1e-12, "reranked exactly");
                    }
                }
                for (int i = 1; i < approximate.size(); i++) {
                    assertTrue(approximate.get(i - 1).distance() <= approximate.get(i).distance());
                }
            }
            double recall = found / (10.0 * QUERIES);
            assertTrue(recall >= 0.98, "recall@10 " + recall);
            assertFalse(index.exact());
            assertEquals(HnswParameters.DEFAULTS, index.parameters());
            assertEquals(COUNT, index.manifest().count());
            assertEquals(1, index.manifest().segments());
        }
    }

    @Test
    void automaticChoiceUsesTheIndexOnlyForLargeStoresBuiltFromThisStore() throws IOException {
        try (GalleryStore store = GalleryStore.open(storeFolder)) {
            List<String> notes = new ArrayList<>();
            assertInstanceOf(StoreExactSearch.class, GallerySearch.open(store,
                    GallerySearch.Mode.AUTO, notes::add), "3,000 items: below the threshold");
            VectorSearch forced = GallerySearch.open(store, GallerySearch.Mode.APPROXIMATE, notes::add);
            assertInstanceOf(HnswIndex.class, forced);
            ((HnswIndex) forced).close();
            assertTrue(notes.isEmpty(), notes.toString());
        }
        assertTrue(GallerySearch.indexByDefault(GallerySearch.APPROXIMATE_FROM));
        assertFalse(GallerySearch.indexByDefault(GallerySearch.APPROXIMATE_FROM - 1));
    }

    @Test
    void indexOfAnEarlierBuildOfTheStoreIsNotUsed() throws IOException {
        Path copy = temp.resolve("rebuilt");
        VECTORS.writeStore(copy, 500, ProgressListener.NONE, Cancellation.none());
        // the index and manifest of another store put beside it (as if the store were rebuilt)
        Files.copy(storeFolder.resolve(StoreFiles.HNSW_MANIFEST), copy.resolve(StoreFiles.HNSW_MANIFEST));
        Files.createDirectories(copy.resolve(StoreFiles.HNSW_FOLDER));
        try (GalleryStore store = GalleryStore.open(copy)) {
            assertTrue(HnswIndex.openIfCurrent(store).isEmpty());
        }
    }
}
