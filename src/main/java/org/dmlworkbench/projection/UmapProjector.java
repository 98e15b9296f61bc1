package org.dmlworkbench.projection;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;
import smile.manifold.UMAP;
import smile.math.MathEx;

/**
 * UMAP (McInnes et al. 2018) from Smile, on the same prepared rows as t-SNE: a seeded sample
 * above {@link #DEFAULT_MAX_POINTS} and PCA to 50 dims.
 *
 * <p>Smile lays out only the largest connected component of the k-nearest-neighbour graph; points
 * in smaller groups (a class the model separated completely, duplicates far from the rest) get
 * no coordinates. Rather than lose them silently, the map lists them in
 * {@link Projection#leftOut()} and its notes say how many were placed.
 *
 * <p>Smile's UMAP is one call without progress or cancellation, so it runs on a helper thread
 * that this one watches: progress is reported as indeterminate with the elapsed seconds, and a
 * cancel returns at once. The abandoned call cannot be stopped and finishes in the background
 * (seconds at the default size); its result is discarded.
 *
 * <p>Smile's spectral initialisation calls ARPACK, whose Fortran state is not thread-safe: two
 * layouts at once (a cancelled one still finishing and a new one) crashed the JVM with a double
 * free. So one layout runs at a time, across all instances; a later one waits, saying so.
 */
public final class UmapProjector implements Projector {

    public static final String METHOD = "UMAP";
    /** Smile's neighbour search is exact and single-threaded (N^2): 10,000 points take seconds. */
    public static final int DEFAULT_MAX_POINTS = 10_000;
    /** Smile's and umap-learn's default neighbourhood size. */
    public static final int DEFAULT_NEIGHBOURS = 15;
    private static final double MIN_DIST = 0.1;
    /** Held while Smile's UMAP runs: ARPACK must not run twice at once (see the class notes). */
    private static final ReentrantLock SMILE = new ReentrantLock();

    private final TsneSettings settings;
    private final int neighbours;

    public UmapProjector() {
        this(TsneSettings.defaults(DEFAULT_MAX_POINTS), DEFAULT_NEIGHBOURS);
    }

    /**
     * @param settings sampling limit, PCA dimensions and seed (perplexity and iterations unused)
     * @param neighbours k of the neighbour graph, at least 2
     */
    public UmapProjector(TsneSettings settings, int neighbours) {
        if (neighbours < 2) {
            throw new IllegalArgumentException("UMAP needs at least 2 neighbours, got " + neighbours);
        }
        this.settings = settings;
        this.neighbours = neighbours;
    }

    @Override
    public Projection project(Embeddings points, ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        cancel.throwIfCancelled();
        progress.update("UMAP: preparing", 0, 1, "steps");
        TsneInput input = TsneInput.prepare(points, settings);
        progress.update("UMAP: preparing", 1, 1, "steps");
        if (input.identical()) {
            return input.degenerateMap(METHOD, start);
        }
        int n = input.count();
        if (n < 3) {
            throw new IllegalArgumentException("UMAP needs at least 3 points, got " + n
                    + "; use PCA for so few");
        }
        int k = Math.min(neighbours, n - 1);
        int epochs = n > 10_000 ? 200 : 500;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(input.data(), i * input.dim(), (i + 1) * input.dim());
        }
        AtomicBoolean started = new AtomicBoolean();
        UMAP umap = runWatched(() -> {
            SMILE.lock();
            started.set(true);
            try {
                if (cancel.isCancelled()) {
                    return null;
                }
                // Smile draws its negative samples from this thread's generator.
                MathEx.setSeed(settings.seed());
                return UMAP.of(rows, k, 2, epochs, 1.0, MIN_DIST, 1.0, 5, 1.0);
            } finally {
                SMILE.unlock();
            }
        }, started, progress, cancel);
        return toProjection(umap, input, n, k, epochs, start);
    }

    private Projection toProjection(UMAP umap, TsneInput input, int n, int k, int epochs,
                                    long start) {
        // Smile lists the kept rows in its own (graph search) order; a Projection wants them
        // increasing.
        Integer[] order = new Integer[umap.index.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(umap.index[a], umap.index[b]));
        int[] source = input.sourceIndices();
        int[] shown = new int[order.length];
        float[] x = new float[order.length];
        float[] y = new float[order.length];
        boolean[] placed = new boolean[n];
        for (int j = 0; j < order.length; j++) {
            int row = umap.index[order[j]];
            placed[row] = true;
            shown[j] = source[row];
            x[j] = (float) umap.coordinates[order[j]][0];
            y[j] = (float) umap.coordinates[order[j]][1];
        }
        int[] leftOut = new int[n - order.length];
        for (int row = 0, m = 0; row < n; row++) {
            if (!placed[row]) {
                leftOut[m++] = source[row];
            }
        }
        String notes = String.format(Locale.ROOT,
                "UMAP (Smile; %d neighbours, min distance %s, %d epochs, seed %d) %s", k,
                BarnesHutTsneProjector.number(MIN_DIST), epochs, settings.seed(),
                input.description());
        if (leftOut.length > 0) {
            notes += " " + leftOutSentence(order.length, n, leftOut.length);
        }
        return new Projection(x, y, shown, METHOD, notes, Double.NaN,
                TsneInput.elapsedMillis(start), leftOut);
    }

    /** "UMAP placed 9,870 of 10,000 points; 130 in small disconnected groups are not shown." */
    public static String leftOutSentence(int placed, int given, int leftOut) {
        return String.format(Locale.ROOT, "UMAP placed %,d of %,d points; %,d in small"
                + " disconnected groups of the neighbour graph %s not shown.", placed, given,
                leftOut, leftOut == 1 ? "is" : "are");
    }

    private static <T> T runWatched(java.util.concurrent.Callable<T> work,
                                    AtomicBoolean smileStarted,
                                    ProgressListener progress, Cancellation cancel) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "workbench-umap");
        thread.setDaemon(true);
        thread.start();
        long started = System.nanoTime();
        while (true) {
            if (cancel.isCancelled()) {
                // Never interrupt: an interrupt while JavaCPP loads ARPACK (it takes a file lock)
                // fails that class's initialisation for the rest of the process.
                task.cancel(false);
                throw new CancelledException();
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            progress.update(smileStarted.get() || !SMILE.isLocked()
                    ? "UMAP: neighbour graph and layout (" + seconds + " s)"
                    : "UMAP: waiting for an earlier UMAP to finish (" + seconds + " s)", 0, -1, "s");
            try {
                T result = task.get(200, TimeUnit.MILLISECONDS);
                // The work returns nothing when it saw the cancel first.
                cancel.throwIfCancelled();
                return result;
            } catch (TimeoutException e) {
                // still running: report and poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                task.cancel(false);
                throw new CancelledException();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("UMAP failed: " + cause, cause);
            }
        }
    }

    @Override
    public String name() {
        return METHOD;
    }
}
