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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deep-metric-learning protocol from the command line: test classes the model never saw. */
class UnseenClassesTest {

    @TempDir
    Path temp;

    static final List<String> FIRST_FIVE = List.of("0-t-shirt-top", "1-trouser", "2-pullover",
            "3-dress", "4-coat");
    static final List<String> LAST_FIVE = List.of("5-sandal", "6-shirt", "7-sneaker", "8-bag",
            "9-ankle-boot");

    @Test
    void splitClassesTrainsOnFiveClassesAndReportsRetrievalOnTheOtherFive() throws IOException {
        Path run = temp.resolve("disjoint");
        CliRunner.Result result = CliRunner.run("train", "--data", "sample", "--split", "classes",
                "--epochs", "1", "--batch", "64", "--embedding-dim", "16", "--device", "cpu",
                "--out", run.toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonObject manifest = json(run.resolve("config.json"));
        JsonObject data = manifest.getAsJsonObject("data");
        assertEquals(FIRST_FIVE, strings(data, "trainClasses"));
        assertEquals(LAST_FIVE, strings(data, "testClasses"));
        assertEquals("classes", manifest.getAsJsonObject("config").getAsJsonObject("split")
                .get("mode").getAsString());
        assertEquals(5, manifest.getAsJsonObject("model").get("classifierClasses").getAsInt(),
                "the cross-entropy head covers the training classes only");
        JsonObject eval = json(run.resolve("eval.json"));
        assertEquals(1250, eval.get("queries").getAsInt(), "every image of the five unseen classes");
        assertEquals(5, eval.get("unseen_test_classes").getAsInt());
        // one epoch already retrieves unseen classes far above chance (0.2 among five classes)
        assertTrue(eval.get("precision_at_1").getAsDouble() > 0.45, eval.toString());

        // the same split is applied when the run is evaluated again
        CliRunner.Result again = CliRunner.run("eval", "--run", run.toString(), "--device", "cpu");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(eval.get("precision_at_1").getAsDouble(),
                JsonParser.parseString(again.out()).getAsJsonObject().get("precision_at_1").getAsDouble(), 1e-9);
    }

    @Test
    void aTrainAndTestFolderPairWithDisjointClassesNeedsNoOption() throws IOException {
        Path data = temp.resolve("pair");
        copyClasses("train", FIRST_FIVE.subList(0, 3), data.resolve("train"), 30);
        copyClasses("test", LAST_FIVE.subList(0, 3), data.resolve("test"), 20);
        Path run = temp.resolve("pair-run");
        CliRunner.Result result = CliRunner.run("train", "--data", data.toString(), "--epochs", "1",
                "--batch", "30", "--embedding-dim", "16", "--device", "cpu", "--out", run.toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonObject manifest = json(run.resolve("config.json")).getAsJsonObject("data");
        assertEquals(FIRST_FIVE.subList(0, 3), strings(manifest, "trainClasses"));
        assertEquals(LAST_FIVE.subList(0, 3), strings(manifest, "testClasses"));
        assertEquals(3, json(run.resolve("eval.json")).get("unseen_test_classes").getAsInt());
    }

    @Test
    void aTestClassListNamingAMissingClassIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path list = Files.writeString(temp.resolve("test-classes.txt"), "# unseen\n5-sandal\nunicorn\n");
        Path run = temp.resolve("refused");
        CliRunner.Result result = CliRunner.run("train", "--data", "sample", "--split", "classes",
                "--test-classes", list.toString(), "--out", run.toString());
        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains(list + " names the class 'unicorn', which 'sample' does not"
                + " have"), result.err());
        assertFalse(Files.exists(run));
        CliRunner.Result noGallery = CliRunner.run("train", "--data", "sample", "--epochs", "1",
                "--eval-gallery", "gallery", "--out", temp.resolve("no-gallery").toString());
        assertEquals(1, noGallery.exitCode());
        assertTrue(noGallery.err().contains("has no separate gallery"), noGallery.err());
    }

    @Test
    void zeroEpochsEvaluatesTheUntrainedNetworkAsTheFloor() throws IOException {
        Path run = temp.resolve("untrained");
        CliRunner.Result result = CliRunner.run("train", "--data", "sample", "--split", "classes",
                "--epochs", "0", "--embedding-dim", "16", "--device", "cpu", "--seed", "5",
                "--out", run.toString());
        assertEquals(0, result.exitCode(), result.err());
        JsonObject eval = json(run.resolve("eval.json"));
        assertEquals(1250, eval.get("queries").getAsInt());
        assertTrue(eval.get("precision_at_1").getAsDouble() > 0.2, "random features beat chance");
        // the same seed initialises the same network: the floor is reproducible
        Path again = temp.resolve("untrained-again");
        assertEquals(0, CliRunner.run("train", "--data", "sample", "--split", "classes", "--epochs", "0",
                "--embedding-dim", "16", "--device", "cpu", "--seed", "5", "--out", again.toString())
                .exitCode());
        assertEquals(Files.readString(run.resolve("eval.json")).replaceAll("\\s", ""),
                Files.readString(again.resolve("eval.json")).replaceAll("\\s", ""));
    }

    private static void copyClasses(String split, List<String> classes, Path target, int perClass)
            throws IOException {
        for (String name : classes) {
            Path from = Path.of("sample-data/fashion-mnist", split, name);
            Files.createDirectories(target.resolve(name));
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.sorted().limit(perClass).toList()) {
                    Files.copy(file, target.resolve(name).resolve(file.getFileName()));
                }
            }
        }
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static List<String> strings(JsonObject object, String key) {
        return object.getAsJsonArray(key).asList().stream().map(e -> e.getAsString()).toList();
    }
}
