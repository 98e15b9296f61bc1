package org.dmlworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dmlworkbench.ui.runview.TrainedSampleRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * index build / info / export and query --store from the command line, on 40 images of the
 * bundled sample (10 of each of 4 classes) plus one file that is not an image, with the
 * one-epoch sample run.
 */
class IndexCommandTest {

    private static final List<String> CLASSES = List.of("0-t-shirt-top", "1-trouser", "7-sneaker",
            "9-ankle-boot");

    @TempDir
    static Path temp;
    static Path images;
    static Path run;

    @BeforeAll
    static void imagesAndRun() throws IOException {
        images = temp.resolve("images");
        for (String type : CLASSES) {
            Path folder = Files.createDirectories(images.resolve(type));
            try (Stream<Path> files = Files.list(Path.of("sample-data/fashion-mnist/test", type))) {
                for (Path file : files.sorted().limit(10).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
        }
        Files.writeString(images.resolve("7-sneaker/broken.png"), "not a png");
        run = TrainedSampleRun.run().root();
    }

    private static CliRunner.Result cli(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void unreadableImageIsRefusedThenSkippedAndCounted() {
        String store = temp.resolve("store-bad").toString();
        CliRunner.Result refused = cli("index", "build", "--run", run.toString(), "--images",
                images.toString(), "--store", store, "--device", "cpu");
        assertEquals(1, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("broken.png") && refused.err().contains("--skip-bad"),
                refused.err());
        CliRunner.Result info = cli("index", "info", "--store", store);
        assertTrue(info.out().contains("\"complete\": false"), info.out());

        CliRunner.Result built = cli("index", "build", "--run", run.toString(), "--images",
                images.toString(), "--store", store, "--skip-bad", "--device", "cpu");
        assertEquals(0, built.exitCode(), built.err());
        assertTrue(built.out().contains("\"images\": 40"), built.out());
        assertTrue(built.out().contains("\"skipped\": 1"), built.out());
        assertTrue(built.out().contains("searched exactly"), "40 images: no HNSW index by default");
    }

    @Test
    void storeIsQueriedExportedAndRefusedToAnotherModel() throws IOException {
        Path store = temp.resolve("store");
        Path clean = temp.resolve("clean");
        for (String type : CLASSES) {
            Path folder = Files.createDirectories(clean.resolve(type));
            try (Stream<Path> files = Files.list(images.resolve(type))) {
                for (Path file : files.filter(f -> !f.endsWith("broken.png")).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
        }
        CliRunner.Result built = cli("index", "build", "--run", run.toString(), "--images",
                clean.toString(), "--store", store.toString(), "--ann", "always", "--device", "cpu");
        assertEquals(0, built.exitCode(), built.err());
        assertTrue(built.out().contains("\"library\": \"Apache Lucene 9.12.3\""), built.out());

        Path sneaker = clean.resolve("7-sneaker").resolve(firstFile(clean.resolve("7-sneaker")));
        CliRunner.Result exact = cli("query", "--run", run.toString(), "--store", store.toString(),
                "--image", sneaker.toString(), "--k", "3", "--search", "exact", "--device", "cpu");
        assertEquals(0, exact.exitCode(), exact.err());
        assertTrue(exact.out().contains("\"search\": \"exact\""), exact.out());
        assertTrue(exact.out().contains("\"source\": \"" + sneaker.toAbsolutePath()), exact.out());
        assertTrue(exact.out().contains("\"query_class\": \"7-sneaker\""), exact.out());
        CliRunner.Result approximate = cli("query", "--run", run.toString(), "--store",
                store.toString(), "--image", sneaker.toString(), "--k", "3", "--search",
                "approximate", "--device", "cpu");
        assertEquals(0, approximate.exitCode(), approximate.err());
        assertEquals(neighbours(exact.out()), neighbours(approximate.out()));

        Path out = temp.resolve("export");
        CliRunner.Result exported = cli("index", "export", "--store", store.toString(), "--out",
                out.toString());
        assertEquals(0, exported.exitCode(), exported.err());
        for (String file : List.of("gallery.faiss", "vectors.npy", "ids.npy", "labels.npy",
                "milvus-rows.json", "pgvector.csv", "pgvector.sql")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        CliRunner.Result again = cli("index", "export", "--store", store.toString(), "--out",
                out.toString(), "--format", "faiss");
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("not empty"), again.err());

        // the same network with other normalisation statistics: another embedding space
        Path other = temp.resolve("other-run");
        copyTree(run, other);
        Path config = other.resolve("config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\"mean\": \\[\\s*[0-9.eE-]+",
                "\"mean\": [0.5"));
        CliRunner.Result foreign = cli("query", "--run", other.toString(), "--store",
                store.toString(), "--image", sneaker.toString(), "--device", "cpu");
        assertEquals(1, foreign.exitCode(), foreign.out());
        assertTrue(foreign.err().contains("written by another model"), foreign.err());
        assertFalse(foreign.err().contains("Exception"), foreign.err());
    }

    private static String firstFile(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }

    /** The "neighbors" part of query's JSON (index, label, class, distance, source of each). */
    private static String neighbours(String json) {
        return json.substring(json.indexOf("\"neighbors\""), json.indexOf("\"search\""));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
