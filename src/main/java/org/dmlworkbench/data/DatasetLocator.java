package org.dmlworkbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dmlworkbench.data.benchmark.BenchmarkLayout;
import org.dmlworkbench.data.benchmark.BenchmarkLayouts;
import org.dmlworkbench.progress.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and loads a data set by name or path. A named set is looked up in --data-dir (DIR/name,
 * then DIR itself), ~/.dml-workbench/datasets/name, /usr/share/datasets/name, and otherwise
 * downloaded from its official source into ~/.dml-workbench/datasets/name (unless offline).
 * Files found locally are not checksummed (Debian recompresses its copies); their content is
 * checked by the readers. `sample` is the bundled set: classpath first, then ./sample-data.
 * The metric-learning benchmarks (cub200, cars196, sop, inshop) are looked up in the same folders
 * but never downloaded: each user fetches them from their source, whose terms apply.
 */
public final class DatasetLocator {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetLocator.class);

    /** The environment variable the CLI reads for --data-dir. */
    public static final String DATA_DIR_ENV = "DMLWB_DATA";

    /**
     * @param dataDir --data-dir or DMLWB_DATA, or null
     * @param homeDir the workbench's own folder (default ~/.dml-workbench); sets live in homeDir/datasets
     * @param systemDir system-wide data sets (default /usr/share/datasets)
     * @param offline never download
     * @param skipBad leave out unreadable images of image folders (listed in the Dataset) instead of failing
     * @param conversion how images are converted; AUTO fields are decided from the data
     * @param progress receives download and reading progress
     * @param downloader fetches files (tests inject a loopback one)
     * @param sources the downloadable named sets (tests inject loopback URLs and their checksums)
     */
    public record Options(Path dataDir, Path homeDir, Path systemDir, boolean offline, boolean skipBad,
            ConversionPolicy conversion, ProgressListener progress, Downloader downloader,
            Map<String, DatasetSource> sources) {

        public Options {
            homeDir = homeDir != null ? homeDir : org.dmlworkbench.io.WorkbenchHome.root();
            systemDir = systemDir != null ? systemDir : Path.of("/usr/share/datasets");
            conversion = conversion != null ? conversion : ConversionPolicy.auto();
            progress = progress != null ? progress : ProgressListener.NONE;
            downloader = downloader != null ? downloader : Downloader.http();
            sources = Map.copyOf(sources != null ? sources : DatasetSources.official());
        }

        public static Options defaults() {
            return new Options(null, null, null, false, false, null, null, null, null);
        }

        public Options withDataDir(Path dir) {
            return new Options(dir, homeDir, systemDir, offline, skipBad, conversion, progress, downloader, sources);
        }

        public Options withHomeDir(Path dir) {
            return new Options(dataDir, dir, systemDir, offline, skipBad, conversion, progress, downloader, sources);
        }

        public Options withSystemDir(Path dir) {
            return new Options(dataDir, homeDir, dir, offline, skipBad, conversion, progress, downloader, sources);
        }

        public Options withOffline(boolean value) {
            return new Options(dataDir, homeDir, systemDir, value, skipBad, conversion, progress, downloader, sources);
        }

        public Options withSkipBad(boolean value) {
            return new Options(dataDir, homeDir, systemDir, offline, value, conversion, progress, downloader, sources);
        }

        public Options withConversion(ConversionPolicy policy) {
            return new Options(dataDir, homeDir, systemDir, offline, skipBad, policy, progress, downloader, sources);
        }

        public Options withProgress(ProgressListener listener) {
            return new Options(dataDir, homeDir, systemDir, offline, skipBad, conversion, listener, downloader, sources);
        }

        public Options withDownloader(Downloader value) {
            return new Options(dataDir, homeDir, systemDir, offline, skipBad, conversion, progress, value, sources);
        }

        public Options withSources(Map<String, DatasetSource> value) {
            return new Options(dataDir, homeDir, systemDir, offline, skipBad, conversion, progress, downloader, value);
        }

        /** Where downloads go: homeDir/datasets. */
        public Path datasetsDir() {
            return homeDir.resolve("datasets");
        }
    }

    private final Options options;

    public DatasetLocator(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** The --data-dir value if given, else DMLWB_DATA from {@code environment}, else null. */
    public static Path dataDirFrom(String cliValue, Map<String, String> environment) {
        if (cliValue != null && !cliValue.isBlank()) {
            return Path.of(cliValue);
        }
        String env = environment.get(DATA_DIR_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : null;
    }

    /** The names {@link #load} accepts besides paths. */
    public List<String> knownNames() {
        List<String> names = new ArrayList<>(options.sources().keySet());
        names.sort(null);
        BenchmarkLayouts.all().forEach(layout -> names.add(layout.name()));
        names.add(SampleDataset.NAME);
        return names;
    }

    /**
     * A known name (case-insensitive) is looked up as a named set; anything else must be an
     * existing folder. A folder that happens to be called like a set is read as a path with "./".
     */
    public Dataset load(String nameOrPath) {
        String name = nameOrPath.strip().toLowerCase(Locale.ROOT);
        if (name.equals(SampleDataset.NAME)) {
            return loadSample();
        }
        DatasetSource source = options.sources().get(name);
        if (source != null) {
            return loadNamed(source);
        }
        Optional<BenchmarkLayout> benchmark = BenchmarkLayouts.byName(name);
        if (benchmark.isPresent()) {
            return loadBenchmark(benchmark.get());
        }
        Path path = Path.of(nameOrPath);
        if (!Files.exists(path)) {
            throw new DatasetNotFoundException(nameOrPath, "'" + nameOrPath + "' is neither a known data set ("
                    + String.join(", ", knownNames()) + ") nor an existing folder", List.of(path), null);
        }
        return loadPath(path, nameOrPath);
    }

    /** {@link #load(String)}, then its images divided as {@code split} says. */
    public Dataset load(String nameOrPath, SplitSpec split) {
        return DatasetSplits.apply(load(nameOrPath), split);
    }

    /**
     * Reads a folder, telling the format by its files: IDX, CIFAR-10 binary, a benchmark's index
     * files (images.txt, cars_annos.mat, Ebay_train.txt, list_eval_partition.txt), or class folders.
     */
    public Dataset loadPath(Path path, String name) {
        if (!Files.isDirectory(path)) {
            throw new DataFormatException(path, "is a file; give the folder that holds the data set (IDX files, "
                    + "CIFAR-10 .bin batches, or one sub-folder of images per class)");
        }
        if (IdxReader.isIdxFolder(path) || IdxReader.findSplitFile(path, IdxReader.TRAIN_IMAGES).isPresent()) {
            return convert(IdxReader.readFolder(path, name, null));
        }
        if (CifarBinaryReader.isCifarFolder(path)
                || Files.exists(path.resolve(CifarBinaryReader.TRAIN_FILES.get(0)))) {
            return convert(CifarBinaryReader.readFolder(path, name));
        }
        Optional<BenchmarkLayout> benchmark = BenchmarkLayouts.detect(path);
        if (benchmark.isPresent()) {
            return benchmark.get().read(path, name, options.conversion(), options.skipBad(), options.progress());
        }
        if (ImageFolderReader.isImageFolder(path)) {
            return ImageFolderReader.read(path, name, options.conversion(), options.skipBad(), options.progress());
        }
        throw new DataFormatException(path, "holds no data set: expected the IDX files "
                + String.join(", ", IdxReader.SPLIT_FILES) + " (raw or .gz), the CIFAR-10 binary files "
                + String.join(", ", CifarBinaryReader.REQUIRED_FILES) + ", a benchmark's index file (images.txt,"
                + " cars_annos.mat, Ebay_train.txt or list_eval_partition.txt), or one sub-folder of images per class");
    }

    /** The folders searched for a named set, in lookup order. */
    public List<Path> searchFolders(String name) {
        List<Path> folders = new ArrayList<>();
        if (options.dataDir() != null) {
            folders.add(options.dataDir().resolve(name));
            folders.add(options.dataDir());
        }
        folders.add(options.datasetsDir().resolve(name));
        folders.add(options.systemDir().resolve(name));
        return folders;
    }

    /** The first searched folder holding the complete set, if any. */
    public Optional<Path> findLocal(DatasetSource source) {
        return searchFolders(source.name()).stream().filter(source::isComplete).findFirst();
    }

    private Dataset loadNamed(DatasetSource source) {
        Optional<Path> local = findLocal(source);
        if (local.isPresent()) {
            LOG.info("Reading {} from {}", source.name(), local.get());
            return convert(source.read(local.get()));
        }
        if (options.offline()) {
            throw notFound(source, "is not on this computer, and --offline forbids downloading it.", null);
        }
        Path target = options.datasetsDir().resolve(source.name());
        try {
            new DatasetInstaller(options.downloader(), options.progress()).install(source, target);
        } catch (IOException e) {
            throw notFound(source, "is not on this computer, and downloading it failed: " + e.getMessage(), e);
        }
        return convert(source.read(target));
    }

    /** A benchmark from the first searched folder holding its index files; never downloaded. */
    private Dataset loadBenchmark(BenchmarkLayout layout) {
        for (Path folder : searchFolders(layout.name())) {
            if (layout.find(folder).isPresent()) {
                LOG.info("Reading {} from {}", layout.name(), folder);
                return layout.read(folder, layout.name(), options.conversion(), options.skipBad(),
                        options.progress());
            }
        }
        throw benchmarkNotFound(layout);
    }

    private DatasetNotFoundException benchmarkNotFound(BenchmarkLayout layout) {
        List<Path> folders = searchFolders(layout.name());
        StringBuilder message = new StringBuilder("Data set '").append(layout.name()).append("' (")
                .append(layout.title()).append(") is not on this computer, and the workbench never downloads"
                        + " it: fetch it from its source, whose terms apply.\n")
                .append("Put ").append(layout.whatToPut()).append(" into one of these folders (searched in this"
                        + " order):\n");
        for (int i = 0; i < folders.size(); i++) {
            Path folder = folders.get(i);
            String role = options.dataDir() != null && i < 2 ? "  (--data-dir / " + DATA_DIR_ENV + ")" : "";
            String state = !Files.isDirectory(folder) ? "absent"
                    : "lacks " + String.join(", ", layout.missingFiles(folder));
            message.append("    ").append(folder).append(role).append("  [").append(state).append("]\n");
        }
        message.append("Get them from ").append(layout.source()).append(" (see docs/DATA.md)");
        return new DatasetNotFoundException(layout.name(), message.toString(), folders, null);
    }

    private Dataset loadSample() {
        Optional<Dataset> sample = SampleDataset.fromClasspath(options.conversion(), options.skipBad(),
                options.progress());
        if (sample.isEmpty()) {
            sample = SampleDataset.fromFolder(SampleDataset.CHECKOUT_FOLDER, options.conversion(),
                    options.skipBad(), options.progress());
        }
        return sample.orElseThrow(() -> new DatasetNotFoundException(SampleDataset.NAME,
                "The bundled sample set is missing: neither the classpath holds " + SampleDataset.RESOURCE_ROOT
                + "/" + ImageFolderExporter.INDEX_FILE + " nor the working folder holds "
                + SampleDataset.CHECKOUT_FOLDER.toAbsolutePath() + "; run from the checkout or rebuild the jar",
                List.of(SampleDataset.CHECKOUT_FOLDER.toAbsolutePath()), null));
    }

    private Dataset convert(Dataset dataset) {
        ConversionPolicy requested = options.conversion();
        ImageSet train = ImageConversion.convert(dataset.train(), requested);
        if (train == dataset.train()) {
            return dataset;
        }
        ImageSet test = ImageConversion.convert(dataset.test(), requested);
        return new Dataset(dataset.name(), dataset.format(), dataset.location(), train, test,
                dataset.skippedBadFiles(), ImageConversion.complete(requested, dataset.train()).describe()
                + " (converted from " + dataset.train().channels() + "x" + dataset.train().height() + "x"
                + dataset.train().width() + ")");
    }

    private DatasetNotFoundException notFound(DatasetSource source, String problem, Throwable cause) {
        List<Path> folders = searchFolders(source.name());
        StringBuilder message = new StringBuilder("Data set '").append(source.name()).append("' ")
                .append(problem).append('\n');
        boolean idx = source.format().equals("idx");
        message.append("Put these ").append(source.requiredFiles().size()).append(" files")
                .append(idx ? " (gzip-compressed as published, or uncompressed without .gz)"
                        : " (the contents of " + CifarBinaryReader.ARCHIVE_FOLDER + "/ in "
                        + source.downloads().get(0).fileName() + "; the unpacked " + CifarBinaryReader.ARCHIVE_FOLDER
                        + " folder itself may also go there)")
                .append(":\n");
        for (String file : source.requiredFiles()) {
            message.append("    ").append(file).append('\n');
        }
        message.append("into one of these folders (searched in this order):\n");
        for (int i = 0; i < folders.size(); i++) {
            Path folder = folders.get(i);
            String role = options.dataDir() != null && i < 2 ? "  (--data-dir / " + DATA_DIR_ENV + ")"
                    : folder.startsWith(options.datasetsDir()) ? "  (downloads go here)" : "";
            String state = !Files.isDirectory(folder) ? "absent"
                    : "lacks " + String.join(", ", source.missingFiles(folder));
            message.append("    ").append(folder).append(role).append("  [").append(state).append("]\n");
        }
        message.append("Download them from:");
        for (DatasetSource.RemoteFile remote : source.downloads()) {
            message.append("\n    ").append(remote.urls().get(0));
        }
        message.append("\n(see ").append(source.homepage()).append(")");
        return new DatasetNotFoundException(source.name(), message.toString(), folders, cause);
    }
}
