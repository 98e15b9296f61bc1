package org.dmlworkbench.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Embeds every image of a folder into a store on disk: files are decoded on worker threads a
 * batch or two ahead of the model, each batch is appended to the store and checkpointed every few
 * seconds, so memory holds a few batches whatever the folder's size, and a build that stops (a
 * cancel, Ctrl-C, a crash, a full disk, a bad file) resumes from its last checkpoint when run
 * again. An unreadable image stops the build unless {@code skipBad}, when it is recorded in
 * skipped.tsv and counted.
 */
public final class FolderEmbedder {

    /** How often progress is made durable by default (a checkpoint forces the files to disk). */
    public static final double CHECKPOINT_SECONDS = 5;
    /** The largest batch of model inputs held at once (bytes of floats). */
    private static final long MAX_BATCH_BYTES = 64L << 20;
    /** Batches decoded ahead of the one being embedded. */
    private static final int AHEAD = 2;

    /**
     * @param batchSize images embedded together (lowered for large inputs to keep a batch of
     *     floats within 64 MiB)
     * @param threads decoding threads
     * @param skipBad leave unreadable images out (counted) instead of stopping
     * @param checkpointSeconds least time between checkpoints (0: after every batch)
     */
    public record Options(int batchSize, int threads, boolean skipBad, double checkpointSeconds) {

        public Options {
            if (batchSize < 1 || threads < 1) {
                throw new IllegalArgumentException("batch size and threads must be >= 1, got "
                        + batchSize + " and " + threads);
            }
        }

        public Options(int batchSize, int threads, boolean skipBad) {
            this(batchSize, threads, skipBad, CHECKPOINT_SECONDS);
        }
    }

    /**
     * @param manifest the finished store's manifest
     * @param resumedFrom images already done when this build started (0: a fresh build)
     * @param alreadyComplete the store was complete before: nothing was embedded
     */
    public record Outcome(StoreManifest manifest, long resumedFrom, boolean alreadyComplete) {}

    private final ImageModel model;
    private final Options options;
    private final StoreWriter.ChannelOpener opener;

    public FolderEmbedder(ImageModel model, Options options) {
        this(model, options, null);
    }

    FolderEmbedder(ImageModel model, Options options, StoreWriter.ChannelOpener opener) {
        this.model = model;
        this.options = options;
        this.opener = opener;
    }

    /** Builds (or resumes, or confirms) the store of {@code images} in {@code store}. */
    public Outcome build(Path images, Path store, ProgressListener progress, Cancellation cancel)
            throws IOException {
        progress.update("list images", 0, -1, "images");
        FolderListing listing = FolderListing.of(images, store);
        if (listing.size() == 0) {
            throw new IOException(images + " holds no image files (" + String.join(", ",
                    new java.util.TreeSet<>(FolderListing.IMAGE_EXTENSIONS)) + ")");
        }
        StoreManifest identity = new StoreManifest(StoreManifest.FORMAT, null, model.fingerprint(),
                model.run(), model.parametersSha256(), model.input(), listing.root().toString(),
                listing.sha256(), 0, 0, listing.classes(), 0, listing.ignored());
        if (GalleryStore.isComplete(store)) {
            StoreManifest done = GalleryStore.readManifest(store);
            StoreFingerprint.require(store, done, model.fingerprint(), "run " + model.run());
            if (!done.listingSha256().equals(listing.sha256())) {
                throw new IOException(store + " already holds a finished store of "
                        + done.imagesFolder() + " as it was then (" + done.count() + " images);"
                        + " the folder has changed since. Give a new --store");
            }
            return new Outcome(done, done.count() + done.skipped(), true);
        }
        try (StoreWriter writer = opener == null
                ? StoreWriter.startOrResume(store, identity, listing.size())
                : StoreWriter.startOrResume(store, identity, listing.size(), opener)) {
            long resumedFrom = writer.state().filesDone();
            embedAll(listing, writer, progress, cancel);
            return new Outcome(writer.finish(), resumedFrom, false);
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw new IOException("the disk filled up while writing " + store + ": the store is"
                        + " unfinished and will not be used; free some space and run the same"
                        + " command again to resume from the last checkpoint", e);
            }
            throw e;
        }
    }

    private void embedAll(FolderListing listing, StoreWriter writer, ProgressListener progress,
            Cancellation cancel) throws IOException {
        int total = listing.size();
        int batch = batchSize();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "decode-images");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<CompletableFuture<DecodedBatch>> ahead = new ArrayDeque<>();
            int next = (int) writer.state().filesDone();
            int done = next;
            long lastCheckpoint = System.nanoTime();
            progress.update("embed images", done, total, "images");
            while (done < total) {
                while (ahead.size() <= AHEAD && next < total) {
                    int from = next;
                    int to = Math.min(total, from + batch);
                    ahead.add(decode(listing, from, to, pool));
                    next = to;
                }
                if (cancel.isCancelled()) {
                    writer.checkpoint(done);
                    throw new CancelledException();
                }
                DecodedBatch decoded = await(ahead.removeFirst());
                if (!decoded.problems().isEmpty() && !options.skipBad()) {
                    writer.checkpoint(done);
                    DecodedBatch.Problem first = decoded.problems().get(0);
                    throw new DataFormatException(listing.root().resolve(first.path()).toString(),
                            first.reason() + " (the " + done + " images before it are kept in the"
                                    + " store; give --skip-bad to leave unreadable images out, or"
                                    + " remove the file, and run the same command again)");
                }
                for (DecodedBatch.Problem problem : decoded.problems()) {
                    writer.skip(problem.path(), problem.reason());
                }
                int n = decoded.count();
                if (n > 0) {
                    float[] vectors = model.embedding().embed(decoded.inputs(), n);
                    int dim = vectors.length / n;
                    for (float v : vectors) {
                        if (!Float.isFinite(v)) {
                            throw new IllegalStateException("the model gave a non-finite embedding"
                                    + " in the batch starting at " + decoded.paths()[0]);
                        }
                    }
                    writer.append(vectors, n, dim, decoded.labels(), decoded.classNames(),
                            decoded.paths());
                }
                done = decoded.to();
                if (System.nanoTime() - lastCheckpoint >= options.checkpointSeconds() * 1e9
                        || done == total) {
                    writer.checkpoint(done);
                    lastCheckpoint = System.nanoTime();
                }
                progress.update("embed images", done, total, "images");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The batch, lowered so that its model inputs stay within {@link #MAX_BATCH_BYTES}. */
    private int batchSize() {
        long imageBytes = 4L * model.policy().imageBytes();
        return (int) Math.max(1, Math.min(options.batchSize(), MAX_BATCH_BYTES / imageBytes));
    }

    private CompletableFuture<DecodedBatch> decode(FolderListing listing, int from, int to,
            ExecutorService pool) {
        int parts = Math.min(options.threads(), to - from);
        @SuppressWarnings("unchecked")
        CompletableFuture<DecodedBatch.Part>[] futures = new CompletableFuture[parts];
        int size = model.policy().imageBytes();
        for (int p = 0; p < parts; p++) {
            int partFrom = from + (int) ((long) (to - from) * p / parts);
            int partTo = from + (int) ((long) (to - from) * (p + 1) / parts);
            futures[p] = CompletableFuture.supplyAsync(() -> decodePart(listing, partFrom, partTo,
                    size), pool);
        }
        return CompletableFuture.allOf(futures).thenApply(ignored -> DecodedBatch.join(from, to,
                size, java.util.Arrays.stream(futures).map(CompletableFuture::join).toList(),
                listing));
    }

    private DecodedBatch.Part decodePart(FolderListing listing, int from, int to, int size) {
        DecodedBatch.Part part = new DecodedBatch.Part(from, to);
        int side = Math.max(model.policy().height(), model.policy().width());
        for (int i = from; i < to; i++) {
            String path = listing.paths().get(i);
            if (path.indexOf('\t') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
                part.fail(i, "has a tab or line break in its name, which the store's items.tsv"
                        + " cannot hold; rename it");
                continue;
            }
            Path file = listing.root().resolve(path);
            try {
                if (!Files.isRegularFile(file)) {
                    throw new DataFormatException(file, ImageConversion.NOT_REGULAR);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] pixels = ImageConversion.toPixels(ImageConversion.readImage(in,
                            file.toString(), side), model.policy());
                    part.accept(i, model.normalization().apply(pixels));
                }
            } catch (DataFormatException e) {
                part.fail(i, reason(e.getMessage(), file));
            } catch (IOException | RuntimeException e) {
                part.fail(i, "cannot be read: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                part.fail(i, "is too large to decode in the memory Java may use here");
            }
        }
        return part;
    }

    /** The problem without the file name DataFormatException puts in front. */
    private static String reason(String message, Path file) {
        String prefix = file + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length())
                : String.valueOf(message);
    }

    private static DecodedBatch await(CompletableFuture<DecodedBatch> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("No space left") || message.contains("Disk quota exceeded")
                    || message.contains("disk is full")) {
                return true;
            }
        }
        return false;
    }
}
