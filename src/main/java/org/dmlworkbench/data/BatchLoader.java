package org.dmlworkbench.data;

import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepares batches on worker threads while the engine computes: each batch's images are read
 * (decoded from files when the set streams), augmented when training asks for it, normalised,
 * and handed over in order as one float array. At most {@code prefetch} batches are prepared
 * ahead, so memory stays bounded.
 *
 * <p>Deterministic: an image's augmentation draws only from (seed, epoch, step, position in the
 * batch), never from the order the threads happen to run in, so a resumed run sees exactly the
 * views the uninterrupted one saw.
 */
public final class BatchLoader implements AutoCloseable {

    /** Batches prepared ahead of the one in use. */
    public static final int DEFAULT_PREFETCH = 2;

    /** Loader threads: DMLWB_LOADER_THREADS, else half the cores (at least one). */
    public static int defaultWorkers() {
        String configured = System.getenv("DMLWB_LOADER_THREADS");
        if (configured != null && configured.matches("\\d+") && Integer.parseInt(configured) > 0) {
            return Integer.parseInt(configured);
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    private final ImageSet set;
    private final Normalization normalization;
    private final Augmentation augmentation;
    private final long seed;
    private final int prefetch;
    private final ExecutorService workers;
    private final ArrayDeque<Future<float[]>> ready = new ArrayDeque<>();
    private List<int[]> batches = List.of();
    private int epoch;
    private int nextToSubmit;

    /**
     * @param augmentation the training views to draw, or {@link Augmentation#none()} to read
     *     every image as it is (resized and centre-cropped)
     */
    public BatchLoader(ImageSet set, Normalization normalization, Augmentation augmentation,
            long seed, int workers, int prefetch) {
        Normalization norm = normalization != null ? normalization : Normalization.identity(set.channels());
        if (norm.channels() != set.channels()) {
            throw new IllegalArgumentException("normalisation has " + norm.channels()
                    + " channels but the images have " + set.channels());
        }
        this.set = set;
        this.normalization = norm;
        this.augmentation = augmentation;
        this.seed = seed;
        this.prefetch = Math.max(1, prefetch);
        this.workers = Executors.newFixedThreadPool(Math.max(1, workers), runnable -> {
            Thread thread = new Thread(runnable, "batch-loader");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Batches over every image in order, no augmentation (evaluation, embedding). */
    public static BatchLoader inOrder(ImageSet set, Normalization normalization, int batchSize) {
        BatchLoader loader = new BatchLoader(set, normalization, Augmentation.none(), 0,
                defaultWorkers(), DEFAULT_PREFETCH);
        loader.start(0, consecutive(set.size(), batchSize), 0);
        return loader;
    }

    /** Index ranges [0, b), [b, 2b), ... covering {@code size} items. */
    public static List<int[]> consecutive(int size, int batchSize) {
        List<int[]> batches = new java.util.ArrayList<>();
        for (int from = 0; from < size; from += batchSize) {
            int[] batch = new int[Math.min(batchSize, size - from)];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = from + i;
            }
            batches.add(batch);
        }
        return batches;
    }

    /** Forgets what was prepared and starts on {@code batches} of {@code epoch} at {@code fromStep}. */
    public void start(int epoch, List<int[]> batches, int fromStep) {
        for (Future<float[]> pending : ready) {
            pending.cancel(true);
        }
        ready.clear();
        this.epoch = epoch;
        this.batches = batches;
        this.nextToSubmit = fromStep;
        fill();
    }

    /**
     * The next batch's normalised (B, C, H, W) values, waiting for it if needed.
     *
     * @throws DataFormatException when an image of it cannot be read, naming the file
     */
    public float[] next() {
        if (ready.isEmpty()) {
            throw new IllegalStateException("no batch left in this epoch");
        }
        Future<float[]> head = ready.poll();
        fill();
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    private void fill() {
        while (ready.size() < prefetch && nextToSubmit < batches.size()) {
            int step = nextToSubmit++;
            int[] batch = batches.get(step);
            int forEpoch = epoch;
            ready.add(workers.submit(() -> prepare(batch, forEpoch, step)));
        }
    }

    private float[] prepare(int[] batch, int forEpoch, int step) {
        int bytes = set.imageBytes();
        int plane = set.height() * set.width();
        float[] values = new float[Math.multiplyExact(batch.length, bytes)];
        byte[] image = new byte[bytes];
        for (int slot = 0; slot < batch.length; slot++) {
            if (Thread.currentThread().isInterrupted()) {
                return values;
            }
            if (augmentation.enabled()) {
                image = augmentation.apply(set.original(batch[slot]), set.height(), set.width(),
                        random(forEpoch, step, slot));
            } else {
                set.copyImage(batch[slot], image, 0);
            }
            normalization.apply(image, 0, plane, values, slot * bytes);
        }
        return values;
    }

    /** The random source of one image of one step: a function of (seed, epoch, step, slot) only. */
    SplittableRandom random(int forEpoch, int step, int slot) {
        long mixed = seed * 0x9E3779B97F4A7C15L + forEpoch * 0xC2B2AE3D27D4EB4FL
                + step * 0x165667B19E3779F9L + slot;
        return new SplittableRandom(mixed);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
