package org.dmlworkbench.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder-to-store build: 3 class folders of 5 images each plus one loose image (16 images,
 * sorted a/..., b/..., c/..., loose.png), batches of 4, a model whose embedding of grey level g
 * is (g, g + 1).
 */
class FolderEmbedderTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");
    private static final FolderEmbedder.Options OPTIONS = new FolderEmbedder.Options(4, 2, false, 0);

    @TempDir
    Path temp;

    private Path images() throws IOException {
        Path folder = GalleryFolders.write(temp.resolve("images"), CLASSES, 5);
        Files.writeString(folder.resolve("readme.txt"), "not an image");
        GalleryFolders.png(folder.resolve(".hidden.png"), 7);
        return folder;
    }

    private static FolderEmbedder embedder(String fingerprint, boolean skipBad) {
        return new FolderEmbedder(GalleryFolders.meanModel(fingerprint),
                new FolderEmbedder.Options(4, 2, skipBad, 0));
    }

    @Test
    void storeHoldsEveryImageWithItsClassFolderAsLabel() throws IOException {
        Path images = images();
        FolderEmbedder.Outcome outcome = new FolderEmbedder(GalleryFolders.meanModel("A"), OPTIONS)
                .build(images, temp.resolve("store"), ProgressListener.NONE, Cancellation.none());
        assertEquals(16, outcome.manifest().count());
        assertEquals(2, outcome.manifest().dim());
        assertEquals(1, outcome.manifest().ignored(), "readme.txt; hidden files are not counted");
        assertEquals(CLASSES, outcome.manifest().classes());
        try (GalleryStore store = GalleryStore.open(temp.resolve("store"))) {
            assertEquals(16, store.count());
            // row 7 is b/img-002.png: class b (label 1), grey 20 * 1 + 2 = 22
            assertEquals("b/img-002.png", store.relativePath(7));
            assertEquals(images.resolve("b/img-002.png").toString(), store.source(7));
            assertEquals(1, store.label(7));
            assertEquals("b", store.className(7));
            float[] row = store.vectors().row(7);
            assertEquals(22, row[0], 1e-3);
            assertEquals(23, row[1], 1e-3);
            assertEquals("loose.png", store.relativePath(15));
            assertEquals(-1, store.label(15));
            assertEquals(200, store.vectors().row(15)[0], 1e-3);
        }
        String header = new String(Files.readAllBytes(temp.resolve("store/embeddings.npy")), 0, 128,
                StandardCharsets.US_ASCII);
        assertTrue(header.contains("{'descr': '<f4', 'fortran_order': False, 'shape': (16, 2), }"),
                header);
        List<String> items = Files.readAllLines(temp.resolve("store/items.tsv"));
        assertEquals("row\tlabel\tclass\tpath", items.get(0));
        assertEquals("7\t1\tb\tb/img-002.png", items.get(8));
        assertFalse(Files.exists(temp.resolve("store/build.json")));
    }

    @Test
    void unreadableImageStopsTheBuildUnlessSkipped() throws IOException {
        Path images = images();
        Files.writeString(images.resolve("b/img-bad.png"), "garbage"); // listed 11th, in batch 3
        Path store = temp.resolve("store");
        DataFormatException refused = assertThrows(DataFormatException.class, () -> embedder("A",
                false).build(images, store, ProgressListener.NONE, Cancellation.none()));
        assertTrue(refused.getMessage().contains("img-bad.png"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--skip-bad"), refused.getMessage());
        assertFalse(GalleryStore.isComplete(store));
        IOException unfinished = assertThrows(IOException.class, () -> GalleryStore.open(store));
        assertTrue(unfinished.getMessage().contains("unfinished embedding store (8 of 17"),
                unfinished.getMessage());

        FolderEmbedder.Outcome outcome = embedder("A", true).build(images, store,
                ProgressListener.NONE, Cancellation.none());
        assertEquals(8, outcome.resumedFrom());
        assertEquals(16, outcome.manifest().count());
        assertEquals(1, outcome.manifest().skipped());
        String skipped = Files.readString(store.resolve(StoreFiles.SKIPPED));
        assertTrue(skipped.startsWith("b/img-bad.png\t"), skipped);
    }

    @Test
    void cancelledOrCrashedBuildResumesToTheSameFiles() throws IOException {
        Path images = images();
        embedder("A", false).build(images, temp.resolve("whole"), ProgressListener.NONE,
                Cancellation.none());

        Path store = temp.resolve("resumed");
        Cancellation cancel = new Cancellation();
        ProgressListener cancelAfterTwoBatches = (task, done, total, unit) -> {
            if (task.equals("embed images") && done >= 8) {
                cancel.cancel();
            }
        };
        assertThrows(CancelledException.class, () -> embedder("A", false).build(images, store,
                cancelAfterTwoBatches, cancel));
        assertEquals(8, GalleryStore.unfinishedBuild(store).orElseThrow().filesDone());
        // a crash while the next batch was being written: bytes past the checkpoint
        for (String name : List.of(StoreFiles.EMBEDDINGS, StoreFiles.ITEMS, StoreFiles.LABELS)) {
            Files.write(StoreFiles.partial(store, name), new byte[] {1, 2, 3, 4, 5},
                    StandardOpenOption.APPEND);
        }
        FolderEmbedder.Outcome outcome = embedder("A", false).build(images, store,
                ProgressListener.NONE, Cancellation.none());
        assertEquals(8, outcome.resumedFrom());
        assertSameArrays(temp.resolve("whole"), store);
    }

    @Test
    void fullDiskLeavesAnUnfinishedStoreThatResumes() throws IOException {
        Path images = images();
        embedder("A", false).build(images, temp.resolve("whole"), ProgressListener.NONE,
                Cancellation.none());
        Path store = temp.resolve("full");
        // room for the placeholders, the first batches and part of a later one
        AtomicLong room = new AtomicLong(300);
        FolderEmbedder full = new FolderEmbedder(GalleryFolders.meanModel("A"), OPTIONS,
                FullDiskChannel.opener(room));
        IOException failed = assertThrows(IOException.class, () -> full.build(images, store,
                ProgressListener.NONE, Cancellation.none()));
        assertTrue(failed.getMessage().contains("disk filled up"), failed.getMessage());
        assertFalse(GalleryStore.isComplete(store), "a partial store is never taken as complete");
        assertThrows(IOException.class, () -> GalleryStore.open(store));

        FolderEmbedder.Outcome outcome = embedder("A", false).build(images, store,
                ProgressListener.NONE, Cancellation.none());
        assertTrue(outcome.resumedFrom() > 0 && outcome.resumedFrom() < 16,
                "resumed from " + outcome.resumedFrom());
        assertSameArrays(temp.resolve("whole"), store);
    }

    @Test
    void storeOfAnotherModelIsRefused() throws IOException {
        Path images = images();
        Path store = temp.resolve("store");
        embedder("A", false).build(images, store, ProgressListener.NONE, Cancellation.none());
        IOException finished = assertThrows(IOException.class, () -> embedder("B", false)
                .build(images, store, ProgressListener.NONE, Cancellation.none()));
        assertTrue(finished.getMessage().contains("written by another model"), finished.getMessage());

        Path unfinished = temp.resolve("unfinished");
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThrows(CancelledException.class, () -> embedder("A", false).build(images,
                unfinished, ProgressListener.NONE, cancel));
        IOException resumed = assertThrows(IOException.class, () -> embedder("B", false)
                .build(images, unfinished, ProgressListener.NONE, Cancellation.none()));
        assertTrue(resumed.getMessage().contains("written by another model"), resumed.getMessage());
    }

    @Test
    void folderChangedSinceTheBuildStartedIsRefused() throws IOException {
        Path images = images();
        Path store = temp.resolve("store");
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThrows(CancelledException.class, () -> embedder("A", false).build(images, store,
                ProgressListener.NONE, cancel));
        GalleryFolders.png(images.resolve("a/img-new.png"), 9);
        IOException changed = assertThrows(IOException.class, () -> embedder("A", false)
                .build(images, store, ProgressListener.NONE, Cancellation.none()));
        assertTrue(changed.getMessage().contains("folder changed"), changed.getMessage());
    }

    private static void assertSameArrays(Path expected, Path actual) throws IOException {
        for (String name : List.of(StoreFiles.EMBEDDINGS, StoreFiles.LABELS, StoreFiles.ITEMS,
                StoreFiles.ITEM_OFFSETS, StoreFiles.SKIPPED)) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(name)),
                    Files.readAllBytes(actual.resolve(name)), name);
        }
    }
}
