package org.dmlworkbench.bench.cases;

import java.util.List;
import java.util.Locale;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.Repeats;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.projection.BarnesHutTsneProjector;
import org.dmlworkbench.projection.PcaProjector;
import org.dmlworkbench.projection.Projector;
import org.dmlworkbench.projection.SyntheticClusters;
import org.dmlworkbench.projection.TsneSettings;

/**
 * Time to draw the 2-D map of {@code points} 128-d embeddings with one projector (PCA, or the
 * Barnes-Hut t-SNE the map panel uses, 1,000 iterations), on seeded clusters with local
 * structure ({@link SyntheticClusters#planes}), as the projection benchmark uses.
 */
public final class MapTimeCase implements BenchCase {

    private final String method;
    private final int points;
    private final int iterations;
    private final int warmups;
    private final int repeats;

    /**
     * @param method "pca" or "tsne"
     * @param iterations t-SNE iterations (ignored for PCA)
     */
    public MapTimeCase(String method, int points, int iterations, int warmups, int repeats) {
        if (!method.equals("pca") && !method.equals("tsne")) {
            throw new IllegalArgumentException("map method must be pca or tsne, got " + method);
        }
        this.method = method;
        this.points = points;
        this.iterations = iterations;
        this.warmups = warmups;
        this.repeats = repeats;
    }

    @Override
    public String name() {
        return "map " + method + " " + SizeLabel.of(points);
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Embeddings data = SyntheticClusters.planes(points, 128, 10, 3.0, 7).embeddings();
        Projector projector = method.equals("pca") ? new PcaProjector()
                : new BarnesHutTsneProjector(TsneSettings.defaults(Math.max(points,
                        BarnesHutTsneProjector.DEFAULT_MAX_POINTS)).withIterations(iterations),
                        BarnesHutTsneProjector.DEFAULT_THETA);
        double[] seconds = Repeats.run(warmups, repeats, () -> Repeats.seconds(() ->
                projector.project(data, ProgressListener.NONE, Cancellation.none())));
        String size = String.format(Locale.ROOT, "%,d x 128-d", points)
                + (method.equals("tsne") ? ", " + iterations + " iterations" : "");
        return List.of(new BenchResult(name(), size, BenchStats.of(seconds), "s", projector.name()));
    }
}
