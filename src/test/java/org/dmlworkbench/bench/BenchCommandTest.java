package org.dmlworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command through the real command line. */
class BenchCommandTest {

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        org.dmlworkbench.cli.CliRunner.Result result = org.dmlworkbench.cli.CliRunner.run(args);
        return new Outcome(result.exitCode(), result.out(), result.err());
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
