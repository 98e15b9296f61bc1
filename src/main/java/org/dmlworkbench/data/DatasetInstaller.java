package org.dmlworkbench.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.io.AtomicFiles;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.dmlworkbench.progress.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a named set's published files into a folder: each into a temporary file beside its
 * target, checked against the published size and SHA-256, then moved into place atomically. A
 * mismatch deletes the download. Archives are unpacked (only their expected members) and deleted.
 */
final class DatasetInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetInstaller.class);

    private final Downloader downloader;
    private final ProgressListener progress;

    DatasetInstaller(Downloader downloader, ProgressListener progress) {
        this.downloader = downloader;
        this.progress = progress;
    }

    /** Fetches whatever {@code folder} lacks of {@code source}. IOException: no URL could be fetched. */
    void install(DatasetSource source, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<String> missing = source.missingFiles(folder);
        for (DatasetSource.RemoteFile remote : source.downloads()) {
            if (!remote.tarGz() && !missing.contains(remote.fileName())) {
                continue;
            }
            Path file = fetchVerified(remote, folder);
            if (remote.tarGz()) {
                extract(file, folder, source.requiredFiles());
                Files.delete(file);
            }
        }
    }

    /** Downloads {@code remote} into {@code folder} and returns the verified file. */
    Path fetchVerified(DatasetSource.RemoteFile remote, Path folder) throws IOException {
        Path target = folder.resolve(remote.fileName());
        Path temp = Files.createTempFile(folder, remote.fileName(), ".part");
        try {
            URI used = fetchFromAnyUrl(remote, temp);
            long size = Files.size(temp);
            if (remote.size() >= 0 && size != remote.size()) {
                throw new DataFormatException(used.toString(), "the download has " + size + " bytes but the "
                        + "published " + remote.fileName() + " has " + remote.size() + "; it was deleted. "
                        + "Try again, or fetch the file by hand");
            }
            String sha256 = Fingerprints.sha256(temp);
            if (remote.sha256() == null) {
                LOG.warn("No published SHA-256 is known for {}: only its content format will be checked", used);
            } else if (!remote.sha256().equalsIgnoreCase(sha256)) {
                throw new DataFormatException(used.toString(), "SHA-256 mismatch: expected " + remote.sha256()
                        + ", the download has " + sha256 + "; it was deleted (a broken or altered download). "
                        + "Try again, or fetch " + remote.fileName() + " by hand");
            } else {
                LOG.info("Downloaded {} ({} bytes, SHA-256 verified)", used, size);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private URI fetchFromAnyUrl(DatasetSource.RemoteFile remote, Path temp) throws IOException {
        List<String> failures = new ArrayList<>();
        for (URI url : remote.urls()) {
            try {
                downloader.download(url, temp, progress, "download " + remote.fileName());
                return url;
            } catch (IOException e) {
                LOG.warn("Download of {} failed: {}", url, e.toString());
                failures.add(url + ": " + reason(e));
            }
        }
        throw new IOException("could not download " + remote.fileName() + " (" + String.join("; ", failures) + ")");
    }

    /** Why a download failed, in words: Java's HTTP client gives no message when it cannot connect. */
    private static String reason(IOException e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return e instanceof java.net.ConnectException ? "could not connect (no network, or the server is down)"
                : e.getClass().getSimpleName();
    }

    /** Unpacks the members named in {@code wanted} into folder/cifar-10-batches-bin. */
    static void extract(Path archive, Path folder, List<String> wanted) throws IOException {
        Path into = folder.resolve(CifarBinaryReader.ARCHIVE_FOLDER);
        Files.createDirectories(into);
        Set<String> found = new HashSet<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String baseName = Path.of(entry.getName()).getFileName().toString();
                // Only known member names, written by base name: no path in the archive can escape.
                if (!entry.isFile() || !wanted.contains(baseName)) {
                    continue;
                }
                AtomicFiles.write(into.resolve(baseName), tar::transferTo);
                found.add(baseName);
            }
        } catch (IOException e) {
            throw new DataFormatException(archive.toString(), "cannot be unpacked as tar.gz: " + e.getMessage(), e);
        }
        List<String> absent = wanted.stream().filter(name -> !found.contains(name)).toList();
        if (!absent.isEmpty()) {
            throw new DataFormatException(archive, "lacks the members " + absent);
        }
    }
}
