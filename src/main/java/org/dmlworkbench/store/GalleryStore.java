package org.dmlworkbench.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.io.Json;

/**
 * A finished embedding store, opened read-only: the rows and labels memory-mapped, the item
 * lines read on demand through their offsets. Opening reads only the headers and the manifest,
 * so it takes milliseconds at any size. Thread-safe.
 */
public final class GalleryStore implements AutoCloseable {

    private final Path folder;
    private final StoreManifest manifest;
    private final StoreVectors vectors;
    private final IntBuffer labels;
    private final LongBuffer offsets;
    private final FileChannel items;

    private GalleryStore(Path folder, StoreManifest manifest, StoreVectors vectors, IntBuffer labels,
            LongBuffer offsets, FileChannel items) {
        this.folder = folder;
        this.manifest = manifest;
        this.vectors = vectors;
        this.labels = labels;
        this.offsets = offsets;
        this.items = items;
    }

    /** True when {@code folder} holds a finished store (its manifest exists). */
    public static boolean isComplete(Path folder) {
        return Files.isRegularFile(folder.resolve(StoreFiles.MANIFEST));
    }

    /** The checkpoint of an unfinished build in {@code folder}, if there is one. */
    public static Optional<BuildState> unfinishedBuild(Path folder) throws IOException {
        Path state = folder.resolve(StoreFiles.BUILD_STATE);
        return Files.isRegularFile(state) ? Optional.of(Json.read(state, BuildState.class))
                : Optional.empty();
    }

    /**
     * Opens a finished store; an unfinished one (a build that stopped, crashed or ran out of
     * disk) is refused with how far it got, and damaged arrays with what is wrong.
     */
    public static GalleryStore open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not an embedding store (no such folder)");
        }
        if (!isComplete(folder)) {
            Optional<BuildState> build = unfinishedBuild(folder);
            if (build.isPresent()) {
                BuildState b = build.get();
                throw new IOException(folder + " is an unfinished embedding store (" + b.filesDone()
                        + " of " + b.filesTotal() + " images done): run 'index build' again with"
                        + " the same --run and --images to resume it");
            }
            throw new IOException(folder + " is not an embedding store (no " + StoreFiles.MANIFEST
                    + "); build one with 'index build --run RUN --images DIR'");
        }
        StoreManifest manifest = readManifest(folder);
        if (manifest.format() != StoreManifest.FORMAT) {
            throw new DataFormatException(folder.resolve(StoreFiles.MANIFEST), "store format "
                    + manifest.format() + ", this program reads format " + StoreManifest.FORMAT);
        }
        if (manifest.count() > Integer.MAX_VALUE || manifest.count() < 0 || manifest.dim() < 1) {
            throw new DataFormatException(folder.resolve(StoreFiles.MANIFEST), "declares "
                    + manifest.count() + " rows of " + manifest.dim() + " floats");
        }
        int count = (int) manifest.count();
        Path embeddings = folder.resolve(StoreFiles.EMBEDDINGS);
        expectShape(embeddings, NpyHeader.read(embeddings, NpyHeader.FLOAT32), count, manifest.dim());
        Path labelFile = folder.resolve(StoreFiles.LABELS);
        expectShape(labelFile, NpyHeader.read(labelFile, NpyHeader.INT32), count, 0);
        Path offsetFile = folder.resolve(StoreFiles.ITEM_OFFSETS);
        expectShape(offsetFile, NpyHeader.read(offsetFile, NpyHeader.INT64), count + 1L, 0);
        StoreVectors vectors = StoreVectors.map(embeddings, NpyHeader.LENGTH, count, manifest.dim());
        IntBuffer labels = mapData(labelFile, 4L * count).asIntBuffer();
        LongBuffer offsets = mapData(offsetFile, 8L * (count + 1)).asLongBuffer();
        FileChannel items = FileChannel.open(folder.resolve(StoreFiles.ITEMS), StandardOpenOption.READ);
        if (items.size() != offsets.get(count)) {
            items.close();
            throw new DataFormatException(folder.resolve(StoreFiles.ITEMS), "should be "
                    + offsets.get(count) + " bytes but is " + Files.size(folder.resolve(StoreFiles.ITEMS)));
        }
        return new GalleryStore(folder, manifest, vectors, labels, offsets, items);
    }

    static StoreManifest readManifest(Path folder) throws IOException {
        return Json.read(folder.resolve(StoreFiles.MANIFEST), StoreManifest.class);
    }

    private static void expectShape(Path file, NpyHeader header, long rows, int columns) {
        if (header.rows() != rows || header.columns() != columns) {
            throw new DataFormatException(file, "has shape (" + header.rows()
                    + (header.columns() == 0 ? ",)" : ", " + header.columns() + ")")
                    + " but the manifest says (" + rows + (columns == 0 ? ",)" : ", " + columns + ")"));
        }
    }

    private static ByteBuffer mapData(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, NpyHeader.LENGTH, bytes)
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    public Path folder() {
        return folder;
    }

    public StoreManifest manifest() {
        return manifest;
    }

    public int count() {
        return vectors.count();
    }

    public int dim() {
        return vectors.dim();
    }

    public StoreVectors vectors() {
        return vectors;
    }

    public int label(int row) {
        return labels.get(row);
    }

    public List<String> classNames() {
        return manifest.classes();
    }

    /** The item's class name, or "" when it has no class. */
    public String className(int row) {
        int label = label(row);
        return label >= 0 && label < manifest.classes().size() ? manifest.classes().get(label) : "";
    }

    /** The item's path relative to the images folder, as listed. */
    public String relativePath(int row) {
        String line = itemLine(row);
        int tab = line.lastIndexOf('\t');
        return line.substring(tab + 1);
    }

    /** The item's file (the images folder resolved against its path), or its path when no folder. */
    public String source(int row) {
        String relative = relativePath(row);
        return manifest.imagesFolder() == null ? relative
                : Path.of(manifest.imagesFolder()).resolve(relative).toString();
    }

    private String itemLine(int row) {
        long from = offsets.get(row);
        long to = offsets.get(row + 1);
        ByteBuffer bytes = ByteBuffer.allocate((int) (to - from));
        try {
            while (bytes.hasRemaining()) {
                if (items.read(bytes, from + bytes.position()) < 0) {
                    throw new DataFormatException(folder.resolve(StoreFiles.ITEMS), "ends early");
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String line = new String(bytes.array(), StandardCharsets.UTF_8);
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * Refuses a store made by another model: its rows live in another embedding space, so
     * searching it with this model's queries (or adding rows to it) would give nonsense.
     */
    public void requireFingerprint(String fingerprint, String whose) throws IOException {
        StoreFingerprint.require(folder, manifest, fingerprint, whose);
    }

    @Override
    public void close() throws IOException {
        items.close();
    }

    @Override
    public String toString() {
        return "GalleryStore[" + folder + ", " + count() + " x " + dim() + "]";
    }
}
