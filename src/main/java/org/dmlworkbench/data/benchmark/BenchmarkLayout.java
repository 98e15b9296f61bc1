package org.dmlworkbench.data.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageFolderReader;
import org.dmlworkbench.progress.ProgressListener;

/**
 * A deep-metric-learning benchmark as its authors distribute it: index files naming images, read
 * with the benchmark's standard split. Subclasses only parse their index into
 * {@link IndexedImage}s; decoding, conversion and --skip-bad are {@link ImageFolderReader}'s.
 * Nothing is ever downloaded: each of these sets asks its users to fetch it themselves.
 */
public abstract class BenchmarkLayout {

    /** The name {@code --data} takes and the folder it is looked up in: "cub200". */
    public abstract String name();

    /** Other names {@code --data} accepts for it. */
    public abstract List<String> aliases();

    /** The benchmark's own name: "CUB-200-2011". */
    public abstract String title();

    /** The files and folders read, relative to the benchmark's folder ("images/" for a folder). */
    public abstract List<String> files();

    /** How the authors ship those files, for the not-found message. */
    public abstract String packaging();

    /** Where the files are published. */
    public abstract String source();

    /** The split the field uses with this set, in words. */
    public abstract String standardSplit();

    /** Any of these files makes a folder this layout (the rest may be missing: that is reported). */
    abstract List<String> markers();

    /** Every image the index names, with its class and its part of the standard split. */
    abstract List<IndexedImage> index(Path root);

    /** The folder the published archive unpacks to, looked for inside a searched folder; or null. */
    String archiveFolder() {
        return null;
    }

    /** True when the standard protocol queries a separate gallery (In-Shop). */
    public boolean hasGallery() {
        return false;
    }

    /** Where {@code file} (one of {@link #files()}) is under {@code root}, if it is there. */
    Optional<Path> locate(Path root, String file) {
        Path path = root.resolve(file);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * The folder holding this layout's files: {@code folder} itself or the archive's folder inside
     * it, if either holds one of the layout's index files.
     */
    public Optional<Path> find(Path folder) {
        List<Path> candidates = new ArrayList<>(List.of(folder));
        if (archiveFolder() != null) {
            candidates.add(folder.resolve(archiveFolder()));
        }
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)
                    && markers().stream().anyMatch(marker -> locate(candidate, marker).isPresent())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The files of {@link #files()} that {@code folder} (or the archive's folder in it) lacks. */
    public List<String> missingFiles(Path folder) {
        Path root = find(folder).orElse(folder);
        return files().stream().filter(file -> locate(root, file).isEmpty()).toList();
    }

    /**
     * Reads the benchmark in {@code folder} (or in the archive's folder inside it) with its
     * standard split.
     *
     * @throws org.dmlworkbench.data.DataFormatException naming a missing or malformed index file,
     *     or (without {@code skipBad}) the first image the index names that does not exist
     */
    public Dataset read(Path folder, String name, ConversionPolicy conversion, boolean skipBad,
            ProgressListener progress) {
        Path root = find(folder).orElse(folder);
        for (String file : files()) {
            if (locate(root, file).isEmpty()) {
                throw IndexFile.missing(root.resolve(file), contents());
            }
        }
        ImageFolderReader.Listing listing = BenchmarkListing.of(this, root, index(root), skipBad);
        return ImageFolderReader.read(listing, name, conversion, skipBad, progress);
    }

    /**
     * What to put into a data folder: "images.txt, ..., images/ (from CUB_200_2011.tgz; its
     * CUB_200_2011/ folder may also go there whole)".
     */
    public String whatToPut() {
        return String.join(", ", files()) + " (from " + packaging()
                + (archiveFolder() == null ? ")" : "; its " + archiveFolder() + "/ folder may also go there whole)");
    }

    /** "a CUB-200-2011 folder holds images.txt, ... (see docs/DATA.md)". */
    String contents() {
        String article = "AEIOU".indexOf(title().charAt(0)) >= 0 ? "an " : "a ";
        return article + title() + " folder holds " + String.join(", ", files()) + " (see docs/DATA.md)";
    }

    /** The first index file, where errors about the whole index are reported. */
    Path primaryIndex(Path root) {
        return locate(root, files().get(0)).orElse(root.resolve(files().get(0)));
    }
}
