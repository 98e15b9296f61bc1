package org.dmlworkbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dmlworkbench.progress.ProgressListener;

/** Downloads with java.net.http, following redirects, reporting bytes as they arrive. */
public final class HttpDownloader implements Downloader {

    private static final long REPORT_EVERY = 1 << 18;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    @Override
    public void download(URI url, Path target, ProgressListener progress, String task) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).GET()
                .header("User-Agent", "dml-workbench").build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + url, e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long done = 0;
            long reported = 0;
            progress.update(task, 0, total, "bytes");
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    done += n;
                    if (done - reported >= REPORT_EVERY) {
                        progress.update(task, done, total, "bytes");
                        reported = done;
                    }
                }
            }
            progress.update(task, done, total, "bytes");
            if (total >= 0 && done != total) {
                throw new IOException("connection closed after " + done + " of " + total + " bytes from " + url);
            }
        }
    }
}
