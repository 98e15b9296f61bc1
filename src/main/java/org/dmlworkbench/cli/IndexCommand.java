package org.dmlworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.search.GallerySearch;
import org.dmlworkbench.search.HnswBuilder;
import org.dmlworkbench.search.HnswIndex;
import org.dmlworkbench.search.HnswManifest;
import org.dmlworkbench.search.HnswParameters;
import org.dmlworkbench.store.BuildState;
import org.dmlworkbench.store.FolderEmbedder;
import org.dmlworkbench.store.GalleryStore;
import org.dmlworkbench.store.ImageModel;
import org.dmlworkbench.store.StoreExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Galleries of any size: embed a folder of images into a store on disk"
                + " (float32 .npy and a table of paths and labels), add an approximate index"
                + " (Lucene HNSW), show a store, export it for FAISS and vector databases.",
            "Search a store with 'query --run RUN --store STORE --image FILE'."},
        subcommands = {IndexCommand.Build.class, IndexCommand.Info.class, IndexCommand.Export.class})
final class IndexCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Embed every image under --images (any layout; images in a sub-folder"
                    + " get that top-level folder as their class) with the run's model into a"
                    + " store, with progress; Ctrl-C stops at a checkpoint and running the same"
                    + " command again resumes. Then builds the HNSW index when the store has at"
                    + " least " + GallerySearch.APPROXIMATE_FROM + " images (--ann)."})
    static final class Build implements Callable<Integer> {

        @Mixin
        RunOptions runOptions;

        @Option(names = "--images", paramLabel = "DIR", required = true,
                description = "Folder of images (PNG, JPEG, GIF, BMP, TIFF), at any depth.")
        Path images;

        @Option(names = "--store", paramLabel = "DIR",
                description = "Store folder (default: RUN/galleries/<name of DIR>).")
        Path store;

        @Option(names = "--skip-bad", description = "Leave unreadable images out (listed in"
                + " skipped.tsv and counted) instead of stopping at the first.")
        boolean skipBad;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "256",
                description = "Images embedded together (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--threads", paramLabel = "N",
                description = "Image decoding threads (default: one per core).")
        Integer threads;

        @Option(names = "--ann", paramLabel = "WHEN", defaultValue = "auto",
                description = "Build the approximate (HNSW) index: auto (from "
                        + GallerySearch.APPROXIMATE_FROM + " images), always or never"
                        + " (default: ${DEFAULT-VALUE}).")
        String ann;

        @Mixin
        HnswOptions hnsw;

        @Override
        public Integer call() throws IOException {
            if (!List.of("auto", "always", "never").contains(ann)) {
                throw new IllegalArgumentException("--ann must be auto, always or never, got '" + ann + "'");
            }
            HnswParameters parameters = hnsw.parameters();
            int decoders = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            FolderEmbedder.Options options = new FolderEmbedder.Options(batch, decoders, skipBad);
            ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
            Cancellation cancel = new Cancellation();
            try (TrainedModel model = runOptions.open()) {
                Path storeFolder = store != null ? store : model.run().root().resolve("galleries")
                        .resolve(images.toAbsolutePath().normalize().getFileName().toString());
                FolderEmbedder.Outcome outcome = StopOnSignal.runWith(cancel::cancel,
                        "writing a checkpoint of the store", () -> new FolderEmbedder(
                                ImageModel.of(model), options).build(images, storeFolder, bar, cancel));
                bar.finishLine();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("store", storeFolder.toAbsolutePath().toString());
                out.put("images", outcome.manifest().count());
                out.put("dim", outcome.manifest().dim());
                out.put("skipped", outcome.manifest().skipped());
                out.put("ignored_non_images", outcome.manifest().ignored());
                out.put("classes", outcome.manifest().classes().size());
                out.put("resumed_from", outcome.resumedFrom());
                out.put("already_complete", outcome.alreadyComplete());
                try (GalleryStore opened = GalleryStore.open(storeFolder)) {
                    boolean wanted = ann.equals("always") || (ann.equals("auto")
                            && GallerySearch.indexByDefault(opened.count()));
                    Optional<HnswIndex> current = HnswIndex.openIfCurrent(opened);
                    if (wanted && current.isEmpty()) {
                        HnswManifest built = StopOnSignal.runWith(cancel::cancel,
                                "discarding the unfinished index", () -> HnswBuilder.build(opened,
                                        parameters, bar, cancel));
                        bar.finishLine();
                        out.put("index", built);
                    } else {
                        current.ifPresent(index -> {
                            out.put("index", index.manifest());
                            closeQuietly(index);
                        });
                        if (current.isEmpty()) {
                            out.put("index", "none: searched exactly (--ann always builds one)");
                        }
                    }
                }
                System.out.println(Json.toJson(out));
                return 0;
            } catch (CancelledException e) {
                bar.finishLine();
                System.err.println("stopped: the store is unfinished and resumes from its last"
                        + " checkpoint when the same command runs again");
                return Main.EXIT_STOPPED;
            }
        }
    }

    /** HNSW graph parameters, shared by build. */
    static final class HnswOptions {

        @Option(names = "--m", paramLabel = "M", defaultValue = "16",
                description = "HNSW max connections per node (default: ${DEFAULT-VALUE}).")
        int maxConn;

        @Option(names = "--beam-width", paramLabel = "N", defaultValue = "100",
                description = "HNSW candidates while building (efConstruction; default: ${DEFAULT-VALUE}).")
        int beamWidth;

        @Option(names = "--ef-search", paramLabel = "N", defaultValue = "400",
                description = "HNSW candidates a query explores, recorded with the index"
                        + " (default: ${DEFAULT-VALUE}).")
        int efSearch;

        HnswParameters parameters() {
            return new HnswParameters(maxConn, beamWidth, efSearch);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print a store's manifest and its index's parameters as JSON (or how far"
                    + " an unfinished build got).")
    static final class Info implements Callable<Integer> {

        @Option(names = "--store", paramLabel = "DIR", required = true, description = "Store folder.")
        Path store;

        @Override
        public Integer call() throws IOException {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("store", store.toAbsolutePath().toString());
            if (!GalleryStore.isComplete(store)) {
                Optional<BuildState> build = GalleryStore.unfinishedBuild(store);
                if (build.isEmpty()) {
                    throw new IOException(store + " is not an embedding store (no store.json);"
                            + " build one with 'index build --run RUN --images DIR'");
                }
                out.put("complete", false);
                out.put("images_done", build.get().filesDone());
                out.put("images_total", build.get().filesTotal());
                out.put("skipped", build.get().skipped());
                System.out.println(Json.toJson(out));
                return 0;
            }
            long start = System.nanoTime();
            try (GalleryStore opened = GalleryStore.open(store)) {
                Optional<HnswIndex> index = HnswIndex.openIfCurrent(opened);
                out.put("complete", true);
                out.put("open_ms", (System.nanoTime() - start) / 1e6);
                out.put("manifest", opened.manifest());
                out.put("index", index.isPresent() ? index.get().manifest()
                        : "none (searched exactly)");
                index.ifPresent(IndexCommand::closeQuietly);
            }
            System.out.println(Json.toJson(out));
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a store for FAISS and vector databases into a new folder:"
                    + " gallery.faiss (faiss.read_index), vectors.npy/ids.npy/labels.npy,"
                    + " milvus-rows.json (Milvus bulk import), pgvector.csv + pgvector.sql"
                    + " (PostgreSQL with pgvector). See docs/VECTOR-STORES.md."})
    static final class Export implements Callable<Integer> {

        @Option(names = "--store", paramLabel = "DIR", required = true, description = "Store folder.")
        Path store;

        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "New or empty folder for the files.")
        Path out;

        @Option(names = "--format", paramLabel = "F", split = ",",
                defaultValue = "faiss,numpy,milvus,pgvector",
                description = "Any of faiss, numpy, milvus, pgvector (default: all).")
        List<String> formats;

        @Override
        public Integer call() throws IOException {
            List<StoreExport.Format> chosen = formats.stream().map(StoreExport.Format::parse).toList();
            ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
            try (GalleryStore opened = GalleryStore.open(store)) {
                List<Path> files = StoreExport.export(opened, out, chosen, bar, Cancellation.none());
                bar.finishLine();
                for (Path file : files) {
                    System.out.println("wrote " + file);
                }
            }
            return 0;
        }
    }

    private static void closeQuietly(HnswIndex index) {
        try {
            index.close();
        } catch (IOException e) {
            // read-only files: nothing to lose
        }
    }
}
