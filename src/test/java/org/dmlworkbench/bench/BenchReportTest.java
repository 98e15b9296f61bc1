package org.dmlworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private static final List<BenchResult> ROWS = List.of(
            new BenchResult("train hybrid1 28x28x1 ms+ce", "batch 128, 8 steps x 5",
                    BenchStats.of(1200.5, 1100.25, 1300), "images/s", ""),
            new BenchResult("query 60k p50", "60,000-item gallery, top 10",
                    BenchStats.of(4.5, 9.0, 3.25, 60.0), "ms", "note with \"quotes\", commas"),
            new BenchResult("eval 60k extra RSS", "60,000 x 128-d", BenchStats.single(512.0), "MiB",
                    "peak | pipe"));

    @Test
    void csvRoundTripKeepsEveryField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.csv");
        BenchReport.writeCsv(file, ROWS);
        assertEquals(ROWS, BenchReport.readCsv(file));
        assertTrue(Files.readString(file).startsWith(String.join(",", BenchReport.COLUMNS)));
    }

    @Test
    void aCsvWithOtherColumnsIsRefusedByName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "a,b\n1,2\n");
        IOException e = assertThrows(IOException.class, () -> BenchReport.readCsv(file));
        assertTrue(e.getMessage().contains("other.csv"), e.getMessage());
    }

    @Test
    void writesCsvJsonAndMarkdown(@TempDir Path dir) throws IOException {
        BenchReport report = new BenchReport(Map.of("cpu", "Test CPU"), true, "2026-01-01T00:00:00Z",
                ROWS, List.of("memory: no data"), List.of());
        List<Path> files = report.write(dir.resolve("results"), "bench-x");
        assertEquals(3, files.size());
        files.forEach(f -> assertTrue(Files.isRegularFile(f), f.toString()));

        JsonObject json = JsonParser.parseString(Files.readString(files.get(1))).getAsJsonObject();
        assertTrue(json.get("quick").getAsBoolean());
        assertEquals("Test CPU", json.getAsJsonObject("machine").get("cpu").getAsString());
        assertEquals(3, json.getAsJsonArray("results").size());
        JsonObject query = json.getAsJsonArray("results").get(1).getAsJsonObject();
        // Samples 3.25, 4.5, 9, 60: median (4.5 + 9) / 2 = 6.75.
        assertEquals(6.75, query.get("median").getAsDouble(), 1e-12);
        assertEquals("memory: no data", json.getAsJsonArray("skipped").get(0).getAsString());

        String markdown = Files.readString(files.get(2));
        assertTrue(markdown.contains("| query 60k p50 | 60,000-item gallery, top 10 | 6.75 | 3.25 | 60.0 | ms | 4 |"),
                markdown);
        assertTrue(markdown.contains("peak \\| pipe"), "a pipe in a note must not split the row");
        assertTrue(markdown.contains("Skipped: memory: no data"));
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("1,235", BenchReport.number(1234.6));
        assertEquals("12.3", BenchReport.number(12.34));
        assertEquals("1.23", BenchReport.number(1.234));
        assertEquals("0.0123", BenchReport.number(0.012345));
    }
}
