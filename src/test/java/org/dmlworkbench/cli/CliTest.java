package org.dmlworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    @TempDir
    static Path temp;

    static Path run;

    @BeforeAll
    static void trainOneEpochOnTheSample() {
        run = temp.resolve("run");
        CliRunner.Result result = CliRunner.run("train", "--data", "sample", "--epochs", "1",
                "--batch", "64", "--embedding-dim", "32", "--seed", "3", "--device", "cpu",
                "--out", run.toString());
        assertEquals(0, result.exitCode(), result.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "eval", "query", "info", "datasets"})
    void everyCommandHasHelp(String command) {
        CliRunner.Result result = CliRunner.run(command, "--help");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("Usage: dml-workbench " + command), result.out());
    }

    @Test
    void trainWritesTheRunFiles() throws IOException {
        for (String file : List.of("config.json", "metrics.csv", "eval.json", "model.params",
                "status.json", "checkpoints/last.ckpt")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file + " is missing");
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,precision_at_1,r_precision,map_at_r,nmi,seconds", metrics.get(0));
        assertEquals(2, metrics.size());
        JsonObject config = JsonParser.parseString(Files.readString(run.resolve("config.json"))).getAsJsonObject();
        assertEquals(3, config.getAsJsonObject("config").get("seed").getAsLong());
        assertTrue(config.getAsJsonObject("data").get("fingerprint").getAsString().length() == 64);
        assertTrue(config.getAsJsonObject("normalization").getAsJsonArray("mean").size() == 1);
    }

    @Test
    void evalPrintsEveryMetric() {
        CliRunner.Result result = CliRunner.run("eval", "--run", run.toString(), "--device", "cpu");
        assertEquals(0, result.exitCode(), result.err());
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        for (String key : List.of("precision_at_1", "recall_at_k", "r_precision", "map_at_r", "nmi", "ami", "f1")) {
            assertTrue(json.has(key), key + " missing in " + result.out());
        }
        JsonObject recall = json.getAsJsonObject("recall_at_k");
        assertEquals(json.get("precision_at_1").getAsDouble(), recall.get("1").getAsDouble(), 1e-12);
        assertTrue(recall.get("8").getAsDouble() >= recall.get("1").getAsDouble());
        // one epoch on 2,000 images already retrieves far better than chance (0.1)
        assertTrue(json.get("precision_at_1").getAsDouble() > 0.4, result.out());
    }

    @Test
    void evalWritesProjectorFiles() throws IOException {
        Path vectors = temp.resolve("vectors.tsv");
        Path labels = temp.resolve("labels.tsv");
        CliRunner.Result result = CliRunner.run("eval", "--run", run.toString(), "--device", "cpu",
                "--embeddings-out", vectors.toString(), "--labels-out", labels.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> rows = Files.readAllLines(vectors);
        assertEquals(500, rows.size());
        assertEquals(32, rows.get(0).split("\t").length);
    }

    @Test
    void queryReturnsKNeighboursOfAnImageFile() throws IOException {
        Path image = firstSampleImage("7-sneaker");
        CliRunner.Result result = CliRunner.run("query", "--run", run.toString(), "--image",
                image.toString(), "--k", "5", "--device", "cpu");
        assertEquals(0, result.exitCode(), result.err());
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        JsonArray neighbors = json.getAsJsonArray("neighbors");
        assertEquals(5, neighbors.size());
        assertEquals(7, json.get("query_label").getAsInt());
        double previous = -1;
        for (var n : neighbors) {
            double d = n.getAsJsonObject().get("distance").getAsDouble();
            assertTrue(d >= previous, "neighbours are not sorted by distance");
            previous = d;
            assertTrue(n.getAsJsonObject().get("source").getAsString().endsWith(".png"));
        }
        assertTrue(Files.isRegularFile(run.resolve("cache/gallery-train.idx")));
    }

    @Test
    void queryWithATextFileSaysItIsNotAnImage() throws IOException {
        Path text = temp.resolve("notes.txt");
        Files.writeString(text, "not an image");
        CliRunner.Result result = CliRunner.run("query", "--run", run.toString(), "--image",
                text.toString(), "--device", "cpu");
        assertEquals(Main.EXIT_USER_ERROR, result.exitCode());
        assertTrue(result.err().contains("notes.txt"), result.err());
        assertFalse(result.err().contains("\tat "), "a stack trace leaked: " + result.err());
    }

    @Test
    void infoReportsTheHybrid1ParameterCount() {
        CliRunner.Result result = CliRunner.run("info", "--model", "hybrid1");
        assertEquals(0, result.exitCode(), result.err());
        JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
        assertEquals(115_456, json.get("params").getAsLong());
        assertTrue(json.get("sizeBytes").getAsLong() < 1_000_000);
    }

    @Test
    void anUnknownLossIsOneClearSentence() {
        CliRunner.Result result = CliRunner.run("train", "--loss", "bogus", "--out",
                temp.resolve("never").toString());
        assertEquals(Main.EXIT_USER_ERROR, result.exitCode());
        assertTrue(result.err().startsWith("error: "), result.err());
        assertTrue(result.err().contains("bogus"), result.err());
        assertFalse(Files.exists(temp.resolve("never/config.json")));
    }

    @Test
    void aMissingDataFolderIsNamed() {
        CliRunner.Result result = CliRunner.run("train", "--data", temp.resolve("nowhere").toString(),
                "--out", temp.resolve("never2").toString());
        assertEquals(Main.EXIT_USER_ERROR, result.exitCode());
        assertTrue(result.err().contains("nowhere"), result.err());
    }

    private static Path firstSampleImage(String classFolder) throws IOException {
        Path folder = Path.of("sample-data/fashion-mnist/test").resolve(classFolder);
        try (var files = Files.list(folder)) {
            return files.sorted().findFirst().orElseThrow();
        }
    }
}
