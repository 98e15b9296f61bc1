package org.dmlworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.search.GallerySearch;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.search.ImageSearch;
import org.dmlworkbench.search.Neighbor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Embed image files with a run's model and print their K nearest gallery items"
                + " (index, label, class, distance, source) as JSON.",
            "Images of another size or colour are converted to the model's input (centre crop)."})
final class QueryCommand implements Callable<Integer> {

    @Mixin
    RunOptions runOptions;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--image", paramLabel = "FILE", required = true,
            description = "PNG or JPEG file; repeat for several queries.")
    List<Path> images;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10",
            description = "Neighbours to return (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--gallery", paramLabel = "G", defaultValue = "train",
            description = "The split searched: train or test (default: ${DEFAULT-VALUE}).")
    String gallery;

    @Option(names = "--data", paramLabel = "D", description = "Gallery data set (default: the run's own).")
    String data;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Search an embedding store ('index build') instead of a split of the data.")
    Path store;

    @Option(names = "--search", paramLabel = "HOW", defaultValue = "auto",
            description = "For --store: auto (the HNSW index from " + GallerySearch.APPROXIMATE_FROM
                    + " items, when built), exact or approximate (default: ${DEFAULT-VALUE}).")
    String search;

    @Override
    public Integer call() throws IOException {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be at least 1, got " + k);
        }
        ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
        GallerySearch.Mode mode = GallerySearch.Mode.parse(search);
        if (store != null && data != null) {
            throw new IllegalArgumentException("give --store or --data, not both");
        }
        try (TrainedModel model = runOptions.open();
                ImageSearch search = open(model, mode, bar)) {
            List<String> classes = search.classNames();
            List<Map<String, Object>> results = new ArrayList<>();
            for (Path image : images) {
                ImageSearch.Result result = search.query(image, k);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("query", result.source());
                out.put("conversion", result.conversion());
                if (result.queryLabel() >= 0) {
                    out.put("query_label", result.queryLabel());
                    out.put("query_class", classes.get(result.queryLabel()));
                    out.put("precision", result.precision());
                }
                List<Map<String, Object>> neighbors = new ArrayList<>();
                for (Neighbor n : result.neighbors()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("index", n.index());
                    row.put("label", n.label());
                    row.put("class", n.label() >= 0 ? classes.get(n.label()) : null);
                    row.put("distance", n.distance());
                    row.put("source", n.source());
                    neighbors.add(row);
                }
                out.put("neighbors", neighbors);
                if (store != null) {
                    out.put("search", search.vectorSearch().method());
                }
                results.add(out);
            }
            System.out.println(Json.toJson(images.size() == 1 ? results.get(0) : results));
            return 0;
        }
    }

    private ImageSearch open(TrainedModel model, GallerySearch.Mode mode, ConsoleProgressBar bar)
            throws IOException {
        if (store != null) {
            GalleryStore opened = GalleryStore.open(store);
            try {
                return ImageSearch.open(model, opened, mode,
                        note -> System.err.println("warning: " + note));
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
        }
        Dataset dataset = RunOptions.data(model, data, dataOptions, bar);
        ImageSearch search = ImageSearch.open(model, dataset, gallery,
                (t, d, n, u) -> bar.update("index " + gallery + " gallery", d, n, u),
                Cancellation.none(), problem -> System.err.println("warning: " + problem));
        bar.finishLine();
        return search;
    }
}
