package org.dmlworkbench.bench.cases;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.store.StoreManifest;
import org.dmlworkbench.store.StoreWriter;

/**
 * Seeded clustered embeddings with the structure of learned ones, generated row by row so a
 * million of them never sit in memory: {@code clusters} centres drawn from N(0, separation^2)
 * per dimension, and each point its cluster's centre plus a Gaussian on the cluster's own random
 * {@code intrinsic}-dimensional subspace (spread 0.5 per axis) plus isotropic noise of spread
 * {@code noise}. Row i depends only on (seed, i), so any block can be made on its own, and the
 * queries (rows from {@link #QUERY_OFFSET} on) are new points of the same clusters, never in
 * the gallery.
 */
public final class ClusteredVectors {

    /** Rows numbered from here on are queries: drawn the same way, never stored. */
    public static final long QUERY_OFFSET = 1L << 40;

    private final int dim;
    private final int clusters;
    private final int intrinsic;
    private final double noise;
    private final double separation;
    private final long seed;
    private final float[][] centres;
    private final float[][][] axes;

    public ClusteredVectors(int dim, int clusters, int intrinsic, double noise, long seed) {
        this(dim, clusters, intrinsic, noise, 1.0, seed);
    }

    public ClusteredVectors(int dim, int clusters, int intrinsic, double noise, double separation,
            long seed) {
        this.dim = dim;
        this.clusters = clusters;
        this.intrinsic = intrinsic;
        this.noise = noise;
        this.separation = separation;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        centres = new float[clusters][dim];
        axes = new float[clusters][intrinsic][dim];
        for (int c = 0; c < clusters; c++) {
            for (int d = 0; d < dim; d++) {
                centres[c][d] = (float) (separation * gaussian(random));
            }
            for (int a = 0; a < intrinsic; a++) {
                for (int d = 0; d < dim; d++) {
                    // a random direction of length about 0.5: the spread along each axis
                    axes[c][a][d] = (float) (0.5 * gaussian(random) / Math.sqrt(dim));
                }
            }
        }
    }

    public int dim() {
        return dim;
    }

    /** The cluster row {@code row} belongs to. */
    public int cluster(long row) {
        return (int) Math.floorMod(mix(row), (long) clusters);
    }

    /** Writes rows {@code [from, from + n)} into {@code out}, row-major. */
    public void fill(long from, int n, float[] out) {
        double[] weights = new double[intrinsic];
        for (int i = 0; i < n; i++) {
            long row = from + i;
            SplittableRandom random = new SplittableRandom(mix(row));
            int c = cluster(row);
            for (int a = 0; a < intrinsic; a++) {
                weights[a] = gaussian(random);
            }
            int base = i * dim;
            for (int d = 0; d < dim; d++) {
                double v = centres[c][d] + noise * gaussian(random);
                for (int a = 0; a < intrinsic; a++) {
                    v += weights[a] * axes[c][a][d];
                }
                out[base + d] = (float) v;
            }
        }
    }

    /** Query {@code q}: a new point of a cluster, not in any gallery made by {@link #fill}. */
    public float[] query(int q) {
        float[] out = new float[dim];
        fill(QUERY_OFFSET + q, 1, out);
        return out;
    }

    /**
     * Writes {@code count} rows as a store (labels = clusters, paths "synthetic/ROW"), streamed
     * in blocks; the store's fingerprint names the generator, so no model can take it for its own.
     */
    public void writeStore(Path folder, int count, ProgressListener progress, Cancellation cancel)
            throws IOException {
        String fingerprint = "synthetic:" + dim + "d:" + clusters + "c:" + intrinsic + "i:" + noise
                + "n:" + separation + "s:seed" + seed;
        StoreManifest identity = new StoreManifest(StoreManifest.FORMAT, null, fingerprint,
                "synthetic", "", "", null, fingerprint + ":" + count, 0, 0, java.util.List.of(), 0, 0);
        int block = 4096;
        float[] rows = new float[block * dim];
        int[] labels = new int[block];
        String[] classes = new String[block];
        String[] paths = new String[block];
        java.util.Arrays.fill(classes, "");
        try (StoreWriter writer = StoreWriter.startOrResume(folder, identity, count)) {
            for (int from = 0; from < count; from += block) {
                cancel.throwIfCancelled();
                int n = Math.min(block, count - from);
                fill(from, n, rows);
                for (int i = 0; i < n; i++) {
                    labels[i] = cluster(from + i);
                    paths[i] = "synthetic/" + (from + i);
                }
                writer.append(rows, n, dim, labels, classes, paths);
                progress.update("write synthetic store", from + n, count, "rows");
            }
            writer.checkpoint(count);
            writer.finish();
        }
    }

    private long mix(long row) {
        long z = seed * 0x9E3779B97F4A7C15L + row;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
