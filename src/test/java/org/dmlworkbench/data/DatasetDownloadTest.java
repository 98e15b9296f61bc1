package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback HTTP server, never the internet. */
class DatasetDownloadTest {

    @TempDir
    Path temp;

    private HttpServer server;
    private String base;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Serves a tiny MNIST-like set under /mnist/ and describes it; {@code breakFile} gets a wrong sum. */
    private DatasetSource serveIdx(String breakFile) throws Exception {
        Path folder = temp.resolve("source");
        TestFiles.writeIdxFolder(folder, new int[] {0, 1, 2, 3}, new int[] {4, 5}, true);
        List<String[]> files = new ArrayList<>();
        for (String name : IdxReader.SPLIT_FILES) {
            byte[] content = Files.readAllBytes(folder.resolve(name + ".gz"));
            served.put("/mnist/" + name + ".gz", content);
            String sha = sha256(content);
            if ((name + ".gz").equals(breakFile)) {
                sha = sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a');
            }
            files.add(new String[] {name + ".gz", sha, Long.toString(content.length)});
        }
        // The first URL answers 404, so the mirror after it must be used.
        return DatasetSources.idx("mnist", DatasetSources.MNIST_CLASSES, "loopback",
                List.of(base + "/gone/", base + "/mnist/"), files.toArray(new String[0][]));
    }

    private DatasetLocator locator(DatasetSource source, List<long[]> progress) {
        return new DatasetLocator(DatasetLocator.Options.defaults()
                .withHomeDir(temp.resolve("home"))
                .withSystemDir(temp.resolve("system"))
                .withSources(Map.of(source.name(), source))
                .withProgress((task, done, total, unit) -> progress.add(new long[] {done, total})));
    }

    @Test
    void downloadsVerifiesAndLoads() throws Exception {
        DatasetSource source = serveIdx(null);
        List<long[]> progress = new ArrayList<>();
        Dataset dataset = locator(source, progress).load("mnist");

        Path folder = temp.resolve("home/datasets/mnist");
        assertEquals(folder.toString(), dataset.location());
        assertEquals(4, dataset.train().size());
        assertEquals(2, dataset.test().size());
        for (DatasetSource.RemoteFile remote : source.downloads()) {
            assertEquals(remote.sha256(), Fingerprints.sha256(folder.resolve(remote.fileName())));
        }
        long[] last = progress.get(progress.size() - 1);
        assertEquals(last[1], last[0], "the last report is complete");
        assertEquals(source.downloads().get(3).size(), last[0]);
        DatasetLocatorTest.assertNoPartFiles(folder);
    }

    @Test
    void aChecksumMismatchDeletesTheDownloadAndSaysSo() throws Exception {
        DatasetSource source = serveIdx("t10k-images-idx3-ubyte.gz");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> locator(source, new ArrayList<>()).load("mnist"));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        assertTrue(e.file().endsWith("/mnist/t10k-images-idx3-ubyte.gz"), e.file());
        Path folder = temp.resolve("home/datasets/mnist");
        assertFalse(Files.exists(folder.resolve("t10k-images-idx3-ubyte.gz")));
        assertTrue(Files.exists(folder.resolve("train-images-idx3-ubyte.gz")), "verified files stay");
        DatasetLocatorTest.assertNoPartFiles(folder);
    }

    @Test
    void anUnreachableSourceGivesTheManualInstructions() throws Exception {
        DatasetSource source = serveIdx(null);
        served.clear();
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> locator(source, new ArrayList<>()).load("mnist"));
        assertTrue(e.getMessage().contains("downloading it failed"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains(temp.resolve("home/datasets/mnist").toString()), e.getMessage());
    }

    @Test
    void cifarArchiveIsDownloadedCheckedAndUnpacked() throws Exception {
        Path folder = temp.resolve("cifar-source");
        TestFiles.writeCifarFolder(folder);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (String name : CifarBinaryReader.REQUIRED_FILES) {
                byte[] content = Files.readAllBytes(folder.resolve(name));
                TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + name);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        byte[] archive = bytes.toByteArray();
        served.put("/cifar-10-binary.tar.gz", archive);
        DatasetSource source = new DatasetSource("cifar-10", "cifar-10-binary", CifarBinaryReader.REQUIRED_FILES,
                List.of(new DatasetSource.RemoteFile("cifar-10-binary.tar.gz",
                        List.of(java.net.URI.create(base + "/cifar-10-binary.tar.gz")), sha256(archive),
                        archive.length, true)),
                DatasetSources.CIFAR_10_CLASSES, "loopback");

        Dataset dataset = locator(source, new ArrayList<>()).load("cifar-10");

        Path home = temp.resolve("home/datasets/cifar-10");
        assertEquals(home.resolve("cifar-10-batches-bin").toString(), dataset.location());
        assertEquals(25, dataset.train().size());
        assertEquals(List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"), dataset.classNames());
        assertFalse(Files.exists(home.resolve("cifar-10-binary.tar.gz")), "the archive is removed once unpacked");
        DatasetLocatorTest.assertNoPartFiles(home);
    }

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(Fingerprints.newDigest().digest(content));
    }
}
