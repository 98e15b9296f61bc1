package org.dmlworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dmlworkbench.data.benchmark.MiniBenchmarks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on benchmark layouts from the command line, with their standard splits and protocols. */
class BenchmarkTrainingTest {

    @TempDir
    Path temp;

    @Test
    void trainingOnCubEvaluatesOnTheUnseenClasses() throws IOException {
        Path cub = MiniBenchmarks.writeCub(temp.resolve("CUB_200_2011"), 4).root();
        Path run = temp.resolve("cub-run");
        CliRunner.Result result = CliRunner.run("train", "--data", cub.toString(), "--epochs", "1",
                "--batch", "6", "--embedding-dim", "16", "--device", "cpu", "--out", run.toString());
        assertEquals(0, result.exitCode(), result.err());

        JsonObject data = json(run.resolve("config.json")).getAsJsonObject("data");
        assertEquals("cub200", data.get("format").getAsString());
        assertEquals(MiniBenchmarks.CUB_TRAIN, strings(data, "trainClasses"));
        assertEquals(MiniBenchmarks.CUB_TEST, strings(data, "testClasses"));
        assertEquals(12, data.get("trainSize").getAsInt());
        JsonObject eval = json(run.resolve("eval.json"));
        assertEquals(12, eval.get("queries").getAsInt(), "every image of classes 101-103");
        assertEquals(3, eval.get("unseen_test_classes").getAsInt());
        assertTrue(eval.get("protocol").getAsString().startsWith("each test item queries the other"));

        CliRunner.Result onTrain = CliRunner.run("eval", "--run", run.toString(), "--split", "train",
                "--device", "cpu");
        assertEquals(0, onTrain.exitCode(), onTrain.err());
        JsonObject trainEval = com.google.gson.JsonParser.parseString(onTrain.out()).getAsJsonObject();
        assertEquals(12, trainEval.get("queries").getAsInt(), "every training image");
        assertEquals("each train item queries the other train items (itself excluded), L2 distance",
                trainEval.get("protocol").getAsString(), "the protocol names the split it used");
    }

    @Test
    void inShopIsEvaluatedAsQueriesAgainstItsGalleryUnlessToldOtherwise() throws IOException {
        Path dataDir = temp.resolve("data");
        MiniBenchmarks.writeInShop(dataDir.resolve("inshop"), false);
        Path run = temp.resolve("inshop-run");
        CliRunner.Result result = CliRunner.run("train", "--data", "inshop", "--data-dir", dataDir.toString(),
                "--epochs", "1", "--batch", "4", "--embedding-dim", "16", "--device", "cpu",
                "--out", run.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("gallery", json(run.resolve("config.json")).getAsJsonObject("config")
                .get("evalGallery").getAsString(), "the resolved protocol is recorded");
        JsonObject eval = json(run.resolve("eval.json"));
        assertEquals("query set against the separate gallery set, L2 distance", eval.get("protocol").getAsString());
        assertEquals(2, eval.get("queries").getAsInt());

        Path chosen = temp.resolve("inshop-test-protocol");
        CliRunner.Result other = CliRunner.run("train", "--data", "inshop", "--data-dir", dataDir.toString(),
                "--epochs", "1", "--batch", "4", "--embedding-dim", "16", "--device", "cpu",
                "--eval-gallery", "test", "--out", chosen.toString());
        assertEquals(0, other.exitCode(), other.err());
        assertEquals("test", json(chosen.resolve("config.json")).getAsJsonObject("config")
                .get("evalGallery").getAsString());
    }

    @Test
    void aBenchmarkFolderMissingAnIndexFileIsOneSentenceAndWritesNothing() throws IOException {
        Path cub = MiniBenchmarks.writeCub(temp.resolve("cub"), 2).root();
        Files.delete(cub.resolve("classes.txt"));
        Path run = temp.resolve("refused");
        CliRunner.Result result = CliRunner.run("train", "--data", cub.toString(), "--epochs", "1",
                "--out", run.toString());
        BadInputContractTest.assertInputToFix(result, "error: " + cub.resolve("classes.txt") + ": is missing;"
                + " a CUB-200-2011 folder holds images.txt, image_class_labels.txt, classes.txt, images/");
        assertFalse(Files.exists(run));

        CliRunner.Result absent = CliRunner.run("train", "--data", "sop", "--data-dir",
                temp.resolve("nothing").toString(), "--epochs", "1", "--out", run.toString());
        assertEquals(1, absent.exitCode(), absent.err());
        assertTrue(absent.err().contains("never downloads it"), absent.err());
        assertTrue(absent.err().contains("Ebay_train.txt, Ebay_test.txt"), absent.err());
        assertFalse(Files.exists(run));
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static List<String> strings(JsonObject object, String key) {
        return object.getAsJsonArray(key).asList().stream().map(e -> e.getAsString()).toList();
    }
}
