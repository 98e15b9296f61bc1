package org.dmlworkbench.data;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A named data set: which files make it, where they are published, and how to read them.
 *
 * @param name the name users type ("mnist")
 * @param format "idx" or "cifar-10-binary"
 * @param requiredFiles the files a folder must hold (IDX files may also be uncompressed)
 * @param downloads the published files, with mirrors and checksums
 * @param classNames class names in label order
 * @param homepage where a person reads about the set and its licence
 */
public record DatasetSource(String name, String format, List<String> requiredFiles,
        List<RemoteFile> downloads, List<String> classNames, String homepage) {

    /**
     * One published file.
     *
     * @param fileName the name it is saved under
     * @param urls the official source first, then mirrors, tried in order
     * @param sha256 the published SHA-256 (lower-case hex), or null when none is known: then only
     *     the content's format is checked
     * @param size the published size in bytes, or -1
     * @param tarGz whether it is a tar.gz archive whose members are {@code requiredFiles}
     */
    public record RemoteFile(String fileName, List<URI> urls, String sha256, long size, boolean tarGz) {
        public RemoteFile {
            Objects.requireNonNull(fileName, "fileName");
            urls = List.copyOf(urls);
            if (urls.isEmpty()) {
                throw new IllegalArgumentException(fileName + " needs at least one URL");
            }
        }
    }

    public DatasetSource {
        if (!format.equals("idx") && !format.equals("cifar-10-binary")) {
            throw new IllegalArgumentException("unknown format " + format);
        }
        requiredFiles = List.copyOf(requiredFiles);
        downloads = List.copyOf(downloads);
        classNames = List.copyOf(classNames);
    }

    /** True when {@code folder} holds every file this set needs. */
    public boolean isComplete(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        return format.equals("idx") ? IdxReader.isIdxFolder(folder) : CifarBinaryReader.isCifarFolder(folder);
    }

    /** The required files {@code folder} lacks (all of them when it does not exist). */
    public List<String> missingFiles(Path folder) {
        if (format.equals("cifar-10-binary")) {
            Path inner = folder.resolve(CifarBinaryReader.ARCHIVE_FOLDER);
            Path base = Files.isDirectory(inner) ? inner : folder;
            return requiredFiles.stream().filter(f -> !Files.isRegularFile(base.resolve(f))).toList();
        }
        return requiredFiles.stream()
                .filter(f -> IdxReader.findSplitFile(folder, f.replaceFirst("\\.gz$", "")).isEmpty())
                .toList();
    }

    /** Reads the set from a folder for which {@link #isComplete} holds. */
    public Dataset read(Path folder) {
        return format.equals("idx") ? IdxReader.readFolder(folder, name, classNames)
                : CifarBinaryReader.readFolder(folder, name);
    }
}
