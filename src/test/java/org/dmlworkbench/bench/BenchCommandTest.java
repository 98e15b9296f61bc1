package org.dmlworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dmlworkbench.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command through the real command line. */
class BenchCommandTest {

    private record Outcome(int code, String out, String err) {}

    private static synchronized Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void gpuWithoutAGpuFailsClearly() {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        Outcome outcome = run("bench", "--quick", "--device", "gpu");
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().contains("DJL sees no CUDA GPU"), outcome.err());
    }

    @Test
    void unknownCaseIsAnErrorListingTheCases() {
        Outcome outcome = run("bench", "--quick", "--only", "nosuch");
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().contains("matches no case") && outcome.err().contains("map pca 2k"),
                outcome.err());
    }

    @Test
    void quickRunOfOneCaseWritesItsFiles(@TempDir Path dir) throws IOException {
        Outcome outcome = run("bench", "--quick", "--only", "map pca 2k", "--out", dir.toString());
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("cores: " + Runtime.getRuntime().availableProcessors()),
                outcome.out());
        assertTrue(outcome.out().contains("map pca 2k"), outcome.out());
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        }
        assertEquals(3, files.size(), files.toString());
        Path csv = files.stream().filter(f -> f.toString().endsWith("-quick.csv")).findFirst()
                .orElseThrow();
        List<BenchResult> rows = BenchReport.readCsv(csv);
        assertEquals(1, rows.size());
        assertEquals("map pca 2k", rows.get(0).benchCase());
        assertEquals(3, rows.get(0).stats().samples());
        assertEquals("s", rows.get(0).unit());
    }
}
