package org.dmlworkbench.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Times and measures the t-SNE projectors on given embeddings. On one seeded sample (default
 * 2,000 points): Smile's exact t-SNE, the exact all-pairs reference with the Barnes-Hut
 * projector's own affinities (Smile calibrates its perplexity differently, see
 * {@link ExactTsneProjector}), and the Barnes-Hut t-SNE. Then the Barnes-Hut t-SNE on a larger
 * seeded sample (default 10,000 points). Quality is measured on the original embeddings
 * with {@link ProjectionQuality}. The benchmark suite calls {@link #run}; {@link #main} runs it on
 * synthetic clusters.
 */
public final class ProjectionBenchmark {

    /**
     * @param comparePoints points for the exact versus Barnes-Hut comparison (exact is O(N^2))
     * @param fullPoints points for the Barnes-Hut run at full size
     * @param iterations t-SNE iterations for every run
     * @param seed seeds the samples and the maps
     */
    public record Settings(int comparePoints, int fullPoints, int iterations, long seed) {

        public static Settings defaults() {
            return new Settings(2_000, 10_000, TsneSettings.DEFAULT_ITERATIONS,
                    TsneSettings.DEFAULT_SEED);
        }
    }

    /** One projector run: its map (with its wall time) and the map's quality. */
    public record Entry(String label, Projection projection, ProjectionQuality.Report quality) {

        public long millis() {
            return projection.elapsedMillis();
        }
    }

    /** The runs, in the order above. */
    public record Result(List<Entry> entries) {

        /** A plain-text table of the runs. */
        public String table() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%-36s %7s %9s %9s %11s %8s %8s%n", "run", "points", "seconds", "KL(own)",
                    "KL(exact P)", "kNN-pres", "trust"));
            for (Entry e : entries) {
                ProjectionQuality.Report q = e.quality();
                out.append(String.format(Locale.ROOT, "%-36s %7d %9.1f %9.3f %11.3f %8.3f %8.3f%n",
                        e.label(), q.points(), e.millis() / 1000.0,
                        e.projection().klDivergence(), q.klDivergence(),
                        q.neighbourhoodPreservation(), q.trustworthiness()));
            }
            return out.toString();
        }
    }

    private ProjectionBenchmark() {
    }

    public static Result run(Embeddings embeddings, Settings settings, ProgressListener progress,
                             Cancellation cancel) {
        int[] sample = SeededSample.indices(embeddings.count(), settings.comparePoints(),
                settings.seed());
        Embeddings compareSet = embeddings.select(sample);
        TsneSettings tsne = TsneSettings.defaults(Integer.MAX_VALUE)
                .withIterations(settings.iterations()).withSeed(settings.seed());
        ProjectionQuality quality = new ProjectionQuality();
        List<Entry> entries = new ArrayList<>();
        entries.add(measure("exact (Smile)", new ExactTsneProjector(tsne), compareSet, quality,
                progress, cancel));
        entries.add(measure("exact (all pairs, same affinities)",
                BarnesHutTsneProjector.exactReference(tsne), compareSet, quality, progress,
                cancel));
        entries.add(measure("Barnes-Hut theta 0.5",
                new BarnesHutTsneProjector(tsne, BarnesHutTsneProjector.DEFAULT_THETA),
                compareSet, quality, progress, cancel));
        entries.add(measure("Barnes-Hut theta 0.5, full size",
                new BarnesHutTsneProjector(tsne.withMaxPoints(settings.fullPoints()),
                        BarnesHutTsneProjector.DEFAULT_THETA),
                embeddings, quality, progress, cancel));
        return new Result(entries);
    }

    private static Entry measure(String label, Projector projector, Embeddings points,
                                 ProjectionQuality quality, ProgressListener progress,
                                 Cancellation cancel) {
        Projection map = projector.project(points, progress, cancel);
        return new Entry(label, map, quality.evaluate(points, map, progress, cancel));
    }

    /**
     * Runs the benchmark on seeded synthetic clusters with local structure
     * ({@link SyntheticClusters#planes}): {@code [points [dim [clusters [comparePoints]]]]},
     * default 10,000 x 128 in 10 clusters.
     */
    public static void main(String[] args) {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int clusters = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int compare = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        SyntheticClusters data = SyntheticClusters.planes(points, dim, clusters, 3.0, 7);
        Settings settings = new Settings(compare, points, TsneSettings.DEFAULT_ITERATIONS,
                TsneSettings.DEFAULT_SEED);
        Result result = run(data.embeddings(), settings, ProgressListener.NONE, Cancellation.none());
        System.out.print(result.table());
        for (Entry e : result.entries()) {
            System.out.println(e.label() + ": " + e.projection().notes());
        }
    }
}
