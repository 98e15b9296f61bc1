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
import org.dmlworkbench.data.FontCollection;
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
            DatasetsCommand.ExportCommand.class, DatasetsCommand.FontsCommand.class})
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

    @Command(name = "fonts", mixinStandardHelpOptions = true,
            description = "Build a real image collection from the installed fonts: one class folder"
                    + " per character (\"U+0041-A\"), one grey PNG per font that really draws it"
                    + " (white on black, centred). Prints the counts as JSON.")
    static final class FontsCommand implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Empty or new folder.")
        Path out;

        @Option(names = "--size", defaultValue = "32", paramLabel = "PX",
                description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--fonts", arity = "1..*", paramLabel = "DIR",
                description = "Folders searched for .ttf, .otf and .ttc files (default: /usr/share/fonts).")
        List<Path> fontFolders;

        @Option(names = "--chars", paramLabel = "TEXT",
                description = "The characters, one class each (default: digits, Latin A-Z a-z, and the"
                        + " Greek and Cyrillic letters not shaped like a Latin one: "
                        + FontCollection.GREEK + FontCollection.CYRILLIC + ").")
        String chars;

        @Option(names = "--min-fonts", defaultValue = "8", paramLabel = "N",
                description = "Drop a character fewer than N fonts draw (default: ${DEFAULT-VALUE}).")
        int minFonts;

        @Option(names = "--exclude-fonts", paramLabel = "REGEX",
                description = "Leave out fonts whose name matches (default: "
                        + FontCollection.DEFAULT_EXCLUDE + ").")
        String exclude;

        @Option(names = "--all-faces",
                description = "Keep every face of a family (bold, italic, light...); by default only"
                        + " the one nearest to regular, so a query cannot find its own design in"
                        + " another weight.")
        boolean allFaces;

        @Override
        public Integer call() throws IOException {
            FontCollection.Settings defaults = FontCollection.Settings.defaults();
            FontCollection.Settings settings = new FontCollection.Settings(
                    fontFolders == null ? defaults.fontFolders() : fontFolders, size,
                    chars == null ? defaults.chars() : chars, minFonts,
                    exclude == null ? defaults.exclude() : java.util.regex.Pattern.compile(exclude), allFaces);
            FontCollection.Summary summary = FontCollection.write(settings, out);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("out", out.toAbsolutePath().toString());
            doc.put("size", size);
            doc.put("font_files", summary.fontFiles());
            doc.put("faces_found", summary.facesFound());
            doc.put("faces_excluded_by_name", summary.facesExcluded());
            doc.put("faces_left_out_other_faces_of_family", summary.otherFacesOfFamilies());
            doc.put("faces_used", summary.facesUsed());
            doc.put("classes", summary.imagesPerClass().size());
            doc.put("images", summary.images());
            doc.put("skipped_no_glyph", summary.noGlyph());
            doc.put("skipped_same_as_other_character", summary.sameAsOtherCharacter());
            doc.put("skipped_duplicate_image", summary.duplicateImages());
            doc.put("images_per_class", summary.imagesPerClass());
            doc.put("dropped_classes", summary.droppedClasses());
            System.out.println(Json.toJson(doc));
            return 0;
        }
    }
}
