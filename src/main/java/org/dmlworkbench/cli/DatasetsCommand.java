package org.dmlworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.data.DatasetSources;
import org.dmlworkbench.data.ImageFolderExporter;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.benchmark.BenchmarkLayout;
import org.dmlworkbench.data.benchmark.BenchmarkLayouts;
import org.dmlworkbench.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, check and export data sets.",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.CheckCommand.class,
            DatasetsCommand.ExportCommand.class})
final class DatasetsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Named data sets, the folders searched for each, and where each was found.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        DataOptions dataOptions;

        @Override
        public Integer call() {
            DatasetLocator locator = new DatasetLocator(DatasetLocator.Options.defaults()
                    .withDataDir(dataOptions.effectiveDataDir()).withOffline(true));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (var source : DatasetSources.official().values()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", source.name());
                row.put("found", locator.findLocal(source).map(Path::toString).orElse(null));
                row.put("searched", locator.searchFolders(source.name()).stream().map(Path::toString).toList());
                row.put("files", source.requiredFiles());
                row.put("homepage", source.homepage());
                rows.add(row);
            }
            for (BenchmarkLayout layout : BenchmarkLayouts.all()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", layout.name());
                List<Path> searched = locator.searchFolders(layout.name());
                row.put("found", searched.stream().filter(f -> layout.find(f).isPresent()).findFirst()
                        .map(Path::toString).orElse(null));
                row.put("searched", searched.stream().map(Path::toString).toList());
                row.put("files", layout.files());
                row.put("homepage", layout.source());
                row.put("downloaded", false);
                rows.add(row);
            }
            rows.add(Map.of("name", "sample", "found", "bundled with the workbench"));
            System.out.println(Json.toJson(rows));
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Read a data set fully and report its size, classes and any bad files.")
    static final class CheckCommand implements Callable<Integer> {
        @Mixin
        DataOptions dataOptions;

        @Parameters(paramLabel = "D", description = "Data set name or folder.")
        String data;

        @Override
        public Integer call() throws IOException {
            Dataset dataset = dataOptions.load(data, new ConsoleProgressBar(System.err));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", dataset.name());
            out.put("format", dataset.format());
            out.put("location", dataset.location());
            out.put("image", List.of(dataset.train().channels(), dataset.train().height(),
                    dataset.train().width()));
            out.put("conversion", dataset.conversion());
            out.put("classes", dataset.classNames());
            out.put("train", counts(dataset.train()));
            out.put("test", counts(dataset.test()));
            if (dataset.gallery() != null) {
                out.put("gallery", counts(dataset.gallery()));
            }
            out.put("skipped_bad_files", dataset.skippedBadFiles());
            out.put("fingerprint", dataset.fingerprint());
            System.out.println(Json.toJson(out));
            return 0;
        }

        private static Map<String, Object> counts(ImageSet set) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("images", set.size());
            out.put("per_class", set.classCounts());
            return out;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the first N images of each class as PNG class folders (train/ and"
                    + " test/), the layout 'sample' uses.")
    static final class ExportCommand implements Callable<Integer> {
        @Mixin
        DataOptions dataOptions;

        @Parameters(paramLabel = "D", description = "Data set name or folder.")
        String data;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Empty or new folder.")
        Path out;

        @Option(names = "--train-per-class", defaultValue = "200", paramLabel = "N",
                description = "Training images per class (default: ${DEFAULT-VALUE}).")
        int trainPerClass;

        @Option(names = "--test-per-class", defaultValue = "50", paramLabel = "N",
                description = "Test images per class (default: ${DEFAULT-VALUE}).")
        int testPerClass;

        @Override
        public Integer call() throws IOException {
            Dataset dataset = dataOptions.load(data, new ConsoleProgressBar(System.err));
            List<String> written = ImageFolderExporter.export(dataset, trainPerClass, testPerClass, out);
            System.err.println("wrote " + written.size() + " images to " + out.toAbsolutePath());
            return 0;
        }
    }
}
