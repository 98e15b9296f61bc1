package org.dmlworkbench.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.dmlworkbench.progress.ProgressListener;

/** Fetches one remote file. Injectable so tests serve files from a loopback server. */
@FunctionalInterface
public interface Downloader {

    /**
     * Writes the content at {@code url} into {@code target} (replacing it), reporting bytes done
     * to {@code progress} under {@code task}. Checksums are the caller's business.
     */
    void download(URI url, Path target, ProgressListener progress, String task) throws IOException;

    /** Plain HTTP(S) GET with redirects, the default. */
    static Downloader http() {
        return new HttpDownloader();
    }
}
