package org.dmlworkbench.bench.cases;

import java.nio.file.Path;
import java.util.Locale;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.progress.Cancellation;

/**
 * A gallery of seeded clustered 128-d vectors ({@link ClusteredVectors}): one cluster per 1,000
 * items, each spread over its own 8-dimensional subspace with a little noise in every dimension,
 * as learned embeddings are (the intrinsic dimension, not the 128, is what makes neighbours hard
 * to find), and centres N(0, 0.3^2) per dimension, so that the nearest item of another cluster
 * is about three times as far as a neighbour in the same one, as between the classes of a
 * trained model (docs/BENCHMARKS.md, "Galleries", shows what islands far apart do to HNSW).
 * Queries are new points of the same clusters.
 */
public final class SyntheticGallery implements AnnSearchCase.Source {

    public static final int DIM = 128;
    public static final int INTRINSIC = 8;
    public static final double NOISE = 0.05;
    public static final double SEPARATION = 0.3;

    private final int count;
    private final int queries;
    private final ClusteredVectors vectors;

    public SyntheticGallery(int count, int queries) {
        this.count = count;
        this.queries = queries;
        this.vectors = new ClusteredVectors(DIM, Math.max(1, count / 1_000), INTRINSIC, NOISE,
                SEPARATION, 21);
    }

    @Override
    public String label() {
        return SizeLabel.of(count) + " synthetic";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%,d clusters on %d-d subspaces", Math.max(1, count / 1_000),
                INTRINSIC);
    }

    @Override
    public float[][] prepare(Path folder, BenchContext context) throws Exception {
        long start = System.nanoTime();
        vectors.writeStore(folder, count, ConsoleProgress.every(context.log(), 30),
                Cancellation.none());
        context.log().printf(Locale.ROOT, "  wrote the store in %.0f s%n",
                (System.nanoTime() - start) / 1e9);
        float[][] out = new float[queries][];
        for (int q = 0; q < queries; q++) {
            out[q] = vectors.query(q);
        }
        return out;
    }
}
