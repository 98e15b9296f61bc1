package org.dmlworkbench.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.io.OutputFolders;

/**
 * Writes a store row by row into ".partial" files, so a store of any size is never held in
 * memory. {@link #checkpoint} forces the bytes to disk and then records how far they go in
 * build.json; reopening an unfinished store cuts every partial file back to its checkpoint (a
 * batch half-written when the process died or the disk filled is dropped and redone).
 * {@link #finish} writes the real .npy headers, renames the files into place and writes the
 * manifest last: until then the folder is never taken for a complete store. Not thread-safe.
 */
public final class StoreWriter implements AutoCloseable {

    private static final List<String> ARRAYS = List.of(StoreFiles.EMBEDDINGS, StoreFiles.LABELS,
            StoreFiles.ITEM_OFFSETS, StoreFiles.ITEMS, StoreFiles.SKIPPED);

    /** Opens a partial file for writing; tests hand in one that fails like a full disk. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    private final Path folder;
    private final ChannelOpener opener;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel embeddings;
    private final FileChannel labels;
    private final FileChannel offsets;
    private final FileChannel items;
    private final FileChannel skippedFile;
    private BuildState state;
    private long rows;
    private int dim;
    private long itemsBytes;
    private long skippedBytes;
    private long skipped;

    private StoreWriter(Path folder, ChannelOpener opener, FileChannel lockChannel, FileLock lock,
            BuildState state) throws IOException {
        this.folder = folder;
        this.opener = opener;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.state = state;
        List<FileChannel> opened = new java.util.ArrayList<>();
        try {
            opened.add(open(StoreFiles.EMBEDDINGS, NpyHeader.LENGTH + state.rows() * 4L * state.dim()));
            opened.add(open(StoreFiles.LABELS, NpyHeader.LENGTH + state.rows() * 4L));
            opened.add(open(StoreFiles.ITEM_OFFSETS, NpyHeader.LENGTH + state.rows() * 8L));
            opened.add(open(StoreFiles.ITEMS, state.itemsBytes()));
            opened.add(open(StoreFiles.SKIPPED, state.skippedBytes()));
        } catch (IOException | RuntimeException e) {
            for (FileChannel channel : opened) {
                channel.close();
            }
            throw e;
        }
        this.embeddings = opened.get(0);
        this.labels = opened.get(1);
        this.offsets = opened.get(2);
        this.items = opened.get(3);
        this.skippedFile = opened.get(4);
        rows = state.rows();
        dim = state.dim();
        itemsBytes = state.itemsBytes();
        skippedBytes = state.skippedBytes();
        skipped = state.skipped();
    }

    /**
     * Starts a store in a new or empty {@code folder}, or reopens the unfinished build there.
     * A build by another model ({@code identity.fingerprint()}) or of a folder whose listing
     * changed since is refused: its rows could not be continued.
     */
    public static StoreWriter startOrResume(Path folder, StoreManifest identity, long filesTotal)
            throws IOException {
        return startOrResume(folder, identity, filesTotal,
                file -> FileChannel.open(file, StandardOpenOption.WRITE));
    }

    static StoreWriter startOrResume(Path folder, StoreManifest identity, long filesTotal,
            ChannelOpener opener) throws IOException {
        if (GalleryStore.isComplete(folder)) {
            throw new IOException(folder + " already holds a finished store");
        }
        boolean resuming = Files.isRegularFile(folder.resolve(StoreFiles.BUILD_STATE));
        if (!resuming) {
            OutputFolders.createNewOrEmpty(folder, "store folder");
        }
        FileChannel lockChannel = FileChannel.open(folder.resolve(StoreFiles.LOCK),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException(folder + " is being written by another 'index build'; wait for"
                    + " it to finish, or give another --store");
        }
        try {
            BuildState state;
            if (resuming) {
                state = Json.read(folder.resolve(StoreFiles.BUILD_STATE), BuildState.class);
                checkSameBuild(folder, state, identity, filesTotal);
                if (finishWasInterrupted(folder, state)) {
                    completeRenames(folder, state);
                    throw new IOException(folder + " already holds a finished store");
                }
            } else {
                state = BuildState.start(identity, filesTotal,
                        StoreFiles.ITEMS_HEADER.getBytes(StandardCharsets.UTF_8).length);
                createPartialFiles(folder);
                Json.write(folder.resolve(StoreFiles.BUILD_STATE), state);
            }
            return new StoreWriter(folder, opener, lockChannel, lock, state);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    private static void checkSameBuild(Path folder, BuildState state, StoreManifest identity,
            long filesTotal) throws IOException {
        StoreFingerprint.require(folder, state.identity(), identity.fingerprint(),
                "run " + identity.run());
        if (!String.valueOf(state.identity().listingSha256()).equals(identity.listingSha256())
                || state.filesTotal() != filesTotal) {
            throw new IOException(folder + " is an unfinished build of another listing of "
                    + state.identity().imagesFolder() + " (" + state.filesTotal() + " images then, "
                    + filesTotal + " now): the folder changed since the build started. Give a new"
                    + " --store, or restore the folder as it was");
        }
    }

    /** A crash between renaming the finished files and writing the manifest. */
    private static boolean finishWasInterrupted(Path folder, BuildState state) {
        return state.filesDone() == state.filesTotal()
                && !Files.exists(StoreFiles.partial(folder, StoreFiles.EMBEDDINGS))
                && Files.exists(folder.resolve(StoreFiles.EMBEDDINGS));
    }

    /** Renames what is left (headers were final before the first rename) and writes the manifest. */
    private static void completeRenames(Path folder, BuildState state) throws IOException {
        for (String name : ARRAYS) {
            Path partial = StoreFiles.partial(folder, name);
            if (Files.exists(partial)) {
                Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Json.write(folder.resolve(StoreFiles.MANIFEST), state.finished(Instant.now().toString()));
        Files.deleteIfExists(folder.resolve(StoreFiles.BUILD_STATE));
    }

    private static void createPartialFiles(Path folder) throws IOException {
        byte[] placeholder = new byte[NpyHeader.LENGTH];
        for (String name : List.of(StoreFiles.EMBEDDINGS, StoreFiles.LABELS, StoreFiles.ITEM_OFFSETS)) {
            Files.write(StoreFiles.partial(folder, name), placeholder);
        }
        Files.writeString(StoreFiles.partial(folder, StoreFiles.ITEMS), StoreFiles.ITEMS_HEADER,
                StandardCharsets.UTF_8);
        Files.write(StoreFiles.partial(folder, StoreFiles.SKIPPED), new byte[0]);
    }

    /** Opens a partial file for appending after cutting it back to {@code size} bytes. */
    private FileChannel open(String name, long size) throws IOException {
        Path file = StoreFiles.partial(folder, name);
        if (!Files.isRegularFile(file) || Files.size(file) < size) {
            throw new IOException(file + " is missing or shorter than its checkpoint ("
                    + (Files.isRegularFile(file) ? Files.size(file) : 0) + " < " + size + " bytes):"
                    + " the unfinished store is damaged; delete " + folder + " and build it again");
        }
        FileChannel channel = opener.open(file);
        channel.truncate(size);
        channel.position(size);
        return channel;
    }

    public BuildState state() {
        return state;
    }

    /**
     * Appends {@code n} rows.
     *
     * @param vectors row-major {@code n x dimension} floats
     * @param rowLabels class label of each row (-1: none)
     * @param classNames the class name of each row ("" when none)
     * @param paths each row's path relative to the images folder (no tab or line break)
     */
    public void append(float[] vectors, int n, int dimension, int[] rowLabels, String[] classNames,
            String[] paths) throws IOException {
        if (dim == 0) {
            dim = dimension;
        } else if (dimension != dim) {
            throw new IllegalArgumentException("rows of " + dimension + " floats for a store of " + dim);
        }
        ByteBuffer vectorBytes = ByteBuffer.allocate(n * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
        vectorBytes.asFloatBuffer().put(vectors, 0, n * dim);
        ByteBuffer labelBytes = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer offsetBytes = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder lines = new StringBuilder();
        long offset = itemsBytes;
        for (int i = 0; i < n; i++) {
            labelBytes.putInt(rowLabels[i]);
            offsetBytes.putLong(offset);
            String line = (rows + i) + "\t" + rowLabels[i] + "\t" + classNames[i] + "\t" + paths[i] + "\n";
            lines.append(line);
            offset += line.getBytes(StandardCharsets.UTF_8).length;
        }
        writeFully(embeddings, vectorBytes);
        writeFully(labels, labelBytes.flip());
        writeFully(offsets, offsetBytes.flip());
        writeFully(items, ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
        rows += n;
        itemsBytes = offset;
    }

    /** Records an unreadable image left out (--skip-bad). */
    public void skip(String path, String reason) throws IOException {
        byte[] line = (path + "\t" + reason.replace('\t', ' ').replace('\n', ' ') + "\n")
                .getBytes(StandardCharsets.UTF_8);
        writeFully(skippedFile, ByteBuffer.wrap(line));
        skippedBytes += line.length;
        skipped++;
    }

    /** Forces what was appended to disk, then records that the first {@code filesDone} are done. */
    public void checkpoint(long filesDone) throws IOException {
        for (FileChannel channel : channels()) {
            channel.force(false);
        }
        BuildState next = state.advance(filesDone, rows, dim, itemsBytes, skippedBytes, skipped);
        Json.write(folder.resolve(StoreFiles.BUILD_STATE), next);
        state = next;
    }

    /**
     * Completes the store after the last checkpoint: the real headers over the placeholders, the
     * files renamed into place, the manifest written, the checkpoint removed.
     */
    public StoreManifest finish() throws IOException {
        if (state.filesDone() != state.filesTotal() || state.rows() != rows) {
            throw new IllegalStateException("finish before the last checkpoint: " + state.filesDone()
                    + " of " + state.filesTotal() + " files");
        }
        if (rows == 0) {
            throw new IOException("none of the " + state.filesTotal() + " images could be embedded"
                    + " (all were skipped; see " + StoreFiles.partial(folder, StoreFiles.SKIPPED)
                    + "): there is nothing to search");
        }
        ByteBuffer last = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(itemsBytes);
        writeFully(offsets, last.flip());
        new NpyHeader(NpyHeader.FLOAT32, rows, dim).writeAt(embeddings);
        new NpyHeader(NpyHeader.INT32, rows, 0).writeAt(labels);
        new NpyHeader(NpyHeader.INT64, rows + 1, 0).writeAt(offsets);
        for (FileChannel channel : channels()) {
            channel.force(true);
        }
        closeChannels();
        completeRenames(folder, state);
        return GalleryStore.readManifest(folder);
    }

    private List<FileChannel> channels() {
        return List.of(embeddings, labels, offsets, items, skippedFile);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        buffer.rewind();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void closeChannels() throws IOException {
        IOException first = null;
        for (FileChannel channel : channels()) {
            try {
                channel.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Closes the files (without finishing: the store stays resumable from its checkpoint). */
    @Override
    public void close() throws IOException {
        try {
            closeChannels();
        } finally {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
            Files.deleteIfExists(folder.resolve(StoreFiles.LOCK));
        }
    }
}
