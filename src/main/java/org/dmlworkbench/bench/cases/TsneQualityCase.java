package org.dmlworkbench.bench.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.projection.BarnesHutTsneProjector;
import org.dmlworkbench.projection.ExactTsneProjector;
import org.dmlworkbench.projection.Projection;
import org.dmlworkbench.projection.ProjectionQuality;
import org.dmlworkbench.projection.Projector;
import org.dmlworkbench.projection.SyntheticClusters;
import org.dmlworkbench.projection.TsneSettings;

/**
 * Is the fast t-SNE as good as the exact one? Smile's exact t-SNE and the Barnes-Hut t-SNE map
 * the same points with the same settings; {@link ProjectionQuality} then scores both against the
 * original embeddings: KL divergence to the exact input affinities (lower is better) and the share
 * of 10 nearest neighbours kept (higher is better). One run each: t-SNE is deterministic given
 * its seed. {@code ProjectionBenchmark.main} adds an all-pairs reference with the Barnes-Hut
 * affinities for a closer look.
 */
public final class TsneQualityCase implements BenchCase {

    private final int points;
    private final int iterations;

    public TsneQualityCase(int points, int iterations) {
        this.points = points;
        this.iterations = iterations;
    }

    @Override
    public String name() {
        return "tsne-quality " + SizeLabel.of(points);
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Embeddings data = SyntheticClusters.planes(points, 128, 10, 3.0, 7).embeddings();
        TsneSettings settings = TsneSettings.defaults(Integer.MAX_VALUE).withIterations(iterations);
        ProjectionQuality quality = new ProjectionQuality();
        List<BenchResult> rows = new ArrayList<>();
        measure("exact (Smile)", new ExactTsneProjector(settings), data, quality, context, rows);
        measure("Barnes-Hut", new BarnesHutTsneProjector(settings,
                BarnesHutTsneProjector.DEFAULT_THETA), data, quality, context, rows);
        return rows;
    }

    private void measure(String label, Projector projector, Embeddings data,
            ProjectionQuality quality, BenchContext context, List<BenchResult> rows) {
        Projection map = projector.project(data, ProgressListener.NONE, Cancellation.none());
        ProjectionQuality.Report report = quality.evaluate(data, map, ProgressListener.NONE,
                Cancellation.none());
        String size = String.format(Locale.ROOT, "%,d x 128-d, %d iterations", points, iterations);
        String prefix = name() + " " + label;
        rows.add(new BenchResult(prefix + " time", size, BenchStats.single(map.elapsedMillis() / 1000.0),
                "s", "one run"));
        if (Double.isFinite(report.klDivergence())) {
            rows.add(new BenchResult(prefix + " KL", size, BenchStats.single(report.klDivergence()),
                    "nats", "KL(P||Q), exact P from the embeddings; lower is better"));
        }
        rows.add(new BenchResult(prefix + " 10-NN kept", size,
                BenchStats.single(report.neighbourhoodPreservation()), "share",
                "share of 10 nearest input neighbours kept in the map; higher is better"));
        context.log().printf(Locale.ROOT, "  %s: %.1f s, KL %.3f, 10-NN kept %.3f, trustworthiness %.3f%n",
                label, map.elapsedMillis() / 1000.0, report.klDivergence(),
                report.neighbourhoodPreservation(), report.trustworthiness());
    }
}
