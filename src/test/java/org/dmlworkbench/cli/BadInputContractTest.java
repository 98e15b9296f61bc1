package org.dmlworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.training.launch.TrainArguments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's contract for bad input and faults, one test per class of failure (numbered
 * as in docs/SAFETY.md): each says one sentence naming the file or option, exits with the
 * documented status (1: input to fix, 3: the work failed), prints no stack trace and leaves what
 * the user had untouched.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class BadInputContractTest {

    @TempDir
    static Path temp;

    /** Three classes of 12 distinct 28x28 grey images: an epoch takes well under a second. */
    static Path tiny;

    @BeforeAll
    static void writeATinyImageSet() throws IOException {
        tiny = temp.resolve("tiny");
        writeImages(tiny, 3, 12);
    }

    static void writeImages(Path root, int classes, int perClass) throws IOException {
        Random random = new Random(5);
        for (int c = 0; c < classes; c++) {
            Path folder = Files.createDirectories(root.resolve("class" + c));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int base = (x / 7 + y / 7 + c) % 3 * 100;
                        image.getRaster().setSample(x, y, 0, Math.min(255, base + random.nextInt(50)));
                    }
                }
                ImageIO.write(image, "png", folder.resolve(String.format("%03d.png", i)).toFile());
            }
        }
    }

    /** {@code train} on the tiny set into {@code out}; {@code extra} options replace the defaults. */
    static List<String> tinyTrain(Path out, String... extra) {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--data", tiny.toString());
        options.put("--epochs", "1");
        options.put("--batch", "8");
        options.put("--embedding-dim", "8");
        options.put("--device", "cpu");
        options.put("--seed", "1");
        options.put("--out", out.toString());
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("train"));
        options.forEach((key, value) -> {
            args.add(key);
            args.add(value);
        });
        return args;
    }

    static CliRunner.Result cli(List<String> args) {
        return CliRunner.run(args.toArray(new String[0]));
    }

    /** One sentence, no stack trace, no class name, no debug hint: what input to fix looks like. */
    static void assertInputToFix(CliRunner.Result result, String... expected) {
        assertEquals(1, result.exitCode(), result.err());
        String err = result.err();
        assertTrue(err.lines().anyMatch(line -> line.startsWith("error: ")), err);
        for (String text : expected) {
            assertTrue(err.contains(text), "'" + text + "' missing in: " + err);
        }
        assertNoTrace(err);
        assertFalse(err.contains("DMLWB_DEBUG"), err);
        assertFalse(err.matches("(?s).*\\([A-Z][A-Za-z]+(Exception|Error)\\).*"), err);
    }

    static void assertNoTrace(String text) {
        assertFalse(text.contains("\tat ") || text.contains("Exception in thread"), text);
    }

    static Path trainedRun(String name) {
        Path run = temp.resolve(name);
        if (!Files.exists(run.resolve("model.params"))) {
            CliRunner.Result result = cli(tinyTrain(run));
            assertEquals(0, result.exitCode(), result.err());
        }
        return run;
    }

    // 1. A folder that is not a run (or a study) is never written into.
    @Test
    void case01_trainAndStudyRefuseAFolderHoldingSomeoneElsesFiles() throws IOException {
        Path mine = Files.createDirectories(temp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "my notes");
        Files.writeString(mine.resolve("metrics.csv"), "my,own,metrics\n");
        Files.createDirectories(mine.resolve("sub"));
        assertInputToFix(cli(tinyTrain(mine)), mine.toString(), "holds no DML Workbench run");
        assertEquals("my,own,metrics\n", Files.readString(mine.resolve("metrics.csv")));
        assertFalse(Files.exists(mine.resolve("config.json")));

        Path study = temp.resolve("study.json");
        Files.writeString(study, "{\"name\": \"s\", \"base\": {\"data\": \"" + tiny + "\", \"epochs\": 1,"
                + " \"batch\": 8}, \"factors\": [{\"name\": \"seed\", \"values\": [1]}]}");
        Path folder = Files.createDirectories(temp.resolve("my-reports"));
        Files.writeString(folder.resolve("report.md"), "my report");
        Files.writeString(folder.resolve("summary.csv"), "mine");
        assertInputToFix(cli(List.of("study", "run", study.toString(), "--out", folder.toString())),
                folder.toString(), "not empty");
        assertEquals("my report", Files.readString(folder.resolve("report.md")));
        assertEquals("mine", Files.readString(folder.resolve("summary.csv")));
    }

    // 2. Resuming a complete run says so and touches nothing; settings cannot ride along.
    @Test
    void case02_resumingACompleteRunTouchesNothing() throws IOException {
        Path run = trainedRun("complete");
        byte[] status = Files.readAllBytes(run.resolve("status.json"));
        assertInputToFix(cli(List.of("train", "--resume", run.toString())), "is complete (1/1 epochs)",
                "start a new run");
        assertArrayEquals(status, Files.readAllBytes(run.resolve("status.json")));
        assertInputToFix(cli(List.of("train", "--resume", run.toString(), "--epochs", "3", "--lr", "0.1")),
                "--epochs, --lr cannot be changed");
        assertArrayEquals(status, Files.readAllBytes(run.resolve("status.json")));
    }

    // 3. A run being trained by another process cannot be resumed into at the same time.
    @Test
    void case03_resumeTakesTheLockAFreshRunTakes() throws Exception {
        Path run = temp.resolve("busy");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--data", "sample", "--epochs", "20", "--batch", "64",
                "--embedding-dim", "16", "--device", "cpu", "--out", run.toString()));
        Process other = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("busy.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline && other.isAlive()
                    && !Files.isRegularFile(run.resolve("status.json"))) {
                Thread.sleep(50);
            }
            assertTrue(other.isAlive(), Files.readString(temp.resolve("busy.log")));
            byte[] config = Files.readAllBytes(run.resolve("config.json"));
            assertInputToFix(cli(List.of("train", "--resume", run.toString())), run.toString(),
                    "is being trained by another process");
            assertInputToFix(cli(List.of("train", "--data", "sample", "--out", run.toString())),
                    "already holds a run");
            assertArrayEquals(config, Files.readAllBytes(run.resolve("config.json")));
        } finally {
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    // 4. A damaged checkpoint is refused by name, or the one before it is used; leftovers go.
    @Test
    void case04_aDamagedCheckpointIsNeverResumedFrom() throws IOException {
        Path straight = temp.resolve("straight");
        Path damaged = temp.resolve("damaged");
        assertEquals(0, cli(tinyTrain(straight, "--epochs", "2")).exitCode());
        assertEquals(0, cli(tinyTrain(damaged, "--epochs", "2")).exitCode());
        // Make the completed run resumable from epoch 1: its checkpoints then hold epochs 1 and 2.
        RunDirectory dir = new RunDirectory(damaged);
        dir.writeStatus(RunStatus.State.STOPPED, "stopped", 1, 2);
        Files.copy(dir.previousCheckpointFile(), dir.checkpointFile(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] bytes = Files.readAllBytes(dir.checkpointFile());
        java.util.Arrays.fill(bytes, bytes.length / 2, bytes.length / 2 + 4000, (byte) 0);
        Files.write(dir.checkpointFile(), bytes);
        Path leftover = Files.writeString(dir.checkpointFile().resolveSibling(".last.ckpt.123.tmp"), "x");

        CliRunner.Result resumed = cli(List.of("train", "--resume", damaged.toString()));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("warning: " + dir.checkpointFile() + " is damaged"),
                resumed.err());
        assertFalse(Files.exists(leftover), "the killed process's temporary file is cleaned up");
        assertTrue(Files.exists(dir.checkpointFile().resolveSibling("last.ckpt.damaged")));

        // Both damaged: refused by name, and the model file too when damaged.
        dir.writeStatus(RunStatus.State.STOPPED, "stopped", 1, 2);
        for (Path file : List.of(dir.checkpointFile(), dir.previousCheckpointFile(), dir.modelFile())) {
            byte[] content = Files.readAllBytes(file);
            java.util.Arrays.fill(content, content.length / 2, content.length / 2 + 100, (byte) 0);
            Files.write(file, content);
        }
        assertInputToFix(cli(List.of("train", "--resume", damaged.toString())),
                "previous.ckpt is damaged");
        assertInputToFix(cli(List.of("eval", "--run", damaged.toString(), "--device", "cpu")),
                dir.modelFile() + " is damaged");
        assertEquals(RunStatus.State.COMPLETED, new RunDirectory(straight).readStatus().state());
    }

    // 5. Setup failures write nothing; a run that never trained may be replaced.
    @Test
    void case05_setupFailuresLeaveNoRunningRun() throws IOException {
        Path tooBig = temp.resolve("too-big");
        assertInputToFix(cli(tinyTrain(tooBig, "--batch", "500")), "batch size 500 exceeds the 30 images");
        assertFalse(Files.exists(tooBig));

        Path oneClass = temp.resolve("one-class");
        writeImages(oneClass, 1, 12);
        Path run = temp.resolve("one-class-run");
        assertInputToFix(cli(List.of("train", "--data", oneClass.toString(), "--batch", "4",
                "--out", run.toString())), "needs at least 2 classes");
        assertFalse(Files.exists(run));

        Path student = temp.resolve("student");
        assertInputToFix(cli(tinyTrain(student, "--method", "asymmetric", "--teacher-run",
                temp.resolve("no-such-run").toString())), "cannot use --teacher-run");
        assertFalse(Files.exists(student));

        // A run that failed after it was created records FAILED and can be replaced.
        Path failed = temp.resolve("failed");
        RunDirectory dir = new RunDirectory(failed);
        Files.createDirectories(failed);
        Files.writeString(dir.configFile(), "{}");
        dir.writeStatus(RunStatus.State.FAILED, "set-up failed", 0, 1);
        CliRunner.Result again = cli(tinyTrain(failed));
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(RunStatus.State.COMPLETED, dir.readStatus().state());
    }

    // 6. A 100-megapixel 16-bit PNG neither exhausts a 1 GB heap nor prints a stack trace.
    @Test
    void case06_aHugeImageIsDecodedWithinTheMemoryJavaHas() throws Exception {
        Path data = temp.resolve("huge-set");
        writeImages(data, 2, 8);
        Path huge = data.resolve("class0").resolve("huge.png");
        LargePng.writeBlank16BitRgba(huge, 10_000, 10_000);
        assertTrue(Files.size(huge) < 2_000_000, "the file is small, its pixels are not");
        Path run = temp.resolve("huge-run");
        Forked train = forked("-Xmx1g", "train", "--data", data.toString(), "--epochs", "1",
                "--batch", "4", "--embedding-dim", "8", "--device", "cpu", "--out", run.toString());
        assertEquals(0, train.exitCode, train.output);
        assertNoTrace(train.output);
        Forked query = forked("-Xmx1g", "query", "--run", run.toString(), "--image", huge.toString(),
                "--device", "cpu");
        assertEquals(0, query.exitCode, query.output);
        assertNoTrace(query.output);
    }

    // 7. A named pipe in a class folder is refused (or skipped), never waited on.
    @Test
    void case07_aNamedPipeIsNotWaitedOn() throws Exception {
        Path data = temp.resolve("with-pipe");
        writeImages(data, 2, 8);
        Path pipe = data.resolve("class1").resolve("pipe.png");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            assertInputToFix(cli(List.of("train", "--data", data.toString(), "--batch", "4",
                    "--out", temp.resolve("pipe-run").toString())), pipe.toString(),
                    "is not a regular file");
            CliRunner.Result skipped = cli(List.of("train", "--data", data.toString(), "--batch", "4",
                    "--epochs", "1", "--embedding-dim", "8", "--skip-bad", "--device", "cpu",
                    "--out", temp.resolve("pipe-skipped").toString()));
            assertEquals(0, skipped.exitCode(), skipped.err());
        });
    }

    // 8. Every method refuses method parameters it does not read, and names the ones it does.
    @Test
    void case08_unknownMethodParametersAreRefused() {
        assertInputToFix(cli(tinyTrain(temp.resolve("p1"), "--method-param", "foo=bar")),
                "unknown --method-param 'foo'", "metrix.level");
        assertInputToFix(cli(tinyTrain(temp.resolve("p2"), "--method-param", "metrix.levle=input")),
                "unknown --method-param 'metrix.levle'");
        assertInputToFix(cli(tinyTrain(temp.resolve("p3"), "--method-param", "metrix.form=contrastive")),
                "needs metrix.level");
    }

    // 9. An IDX label that would leave classes without images is refused, also by datasets check.
    @Test
    void case09_anIdxLabelBeyondTheClassesIsRefused() throws IOException {
        Path idx = temp.resolve("idx");
        int[] train = new int[40];
        for (int i = 0; i < train.length; i++) {
            train[i] = i % 10;
        }
        train[17] = 250;
        IdxFiles.write(idx, train, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertInputToFix(cli(List.of("train", "--data", idx.toString(), "--out",
                temp.resolve("idx-run").toString())), "has label 250 at item 17", "without a single image");
        assertInputToFix(cli(List.of("datasets", "check", idx.toString())), "has label 250");
    }

    // 10. A study that asks for a metric no run reports is refused before anything runs.
    @Test
    void case10_anUnknownStudyMetricIsRefused() throws IOException {
        Path study = temp.resolve("metric-study.json");
        Files.writeString(study, "{\"name\": \"m\", \"base\": {\"epochs\": 1},"
                + " \"factors\": [{\"name\": \"seed\", \"values\": [1]}],"
                + " \"metrics\": [\"precision_at_2\"]}");
        assertInputToFix(cli(List.of("study", "run", study.toString(), "--dry-run")),
                "precision_at_2", "recall_at_k.8");
    }

    // 11. A method without a --loss trains with its own loss.
    @Test
    void case11_aMethodPicksItsOwnLoss() {
        assertEquals("guided", TrainArguments.configFrom(List.of("--method", "guided")).loss());
        assertEquals("ms+ce", TrainArguments.configFrom(List.of()).loss());
    }

    // 12. One class is named as such, not as DJL's "gradient values are all zeros".
    @Test
    void case12_oneClassSaysSo() throws IOException {
        Path oneClass = temp.resolve("one-class-12");
        writeImages(oneClass, 1, 6);
        CliRunner.Result result = cli(List.of("train", "--data", oneClass.toString(), "--batch", "4",
                "--out", temp.resolve("one-12").toString()));
        assertInputToFix(result, "needs at least 2 classes");
        assertFalse(result.err().contains("Gradient values"), result.err());
    }

    // 13. Either Projector file may be written alone.
    @Test
    void case13_eitherProjectorFileAlone() throws IOException {
        Path run = trainedRun("projector");
        Path vectors = temp.resolve("alone-vectors.tsv");
        CliRunner.Result one = cli(List.of("eval", "--run", run.toString(), "--device", "cpu",
                "--embeddings-out", vectors.toString()));
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(Files.size(vectors) > 0);
        Path labels = temp.resolve("alone-labels.tsv");
        CliRunner.Result other = cli(List.of("eval", "--run", run.toString(), "--device", "cpu",
                "--labels-out", labels.toString()));
        assertEquals(0, other.exitCode(), other.err());
        assertTrue(Files.size(labels) > 0);
    }

    // 14. A checkpoint of random bytes is named, with what is wrong with it.
    @Test
    void case14_aRandomCheckpointIsNamed() throws IOException {
        Path run = temp.resolve("random-ckpt");
        assertEquals(0, cli(tinyTrain(run)).exitCode());
        RunDirectory dir = new RunDirectory(run);
        dir.writeStatus(RunStatus.State.STOPPED, "stopped", 0, 1);
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        Files.write(dir.checkpointFile(), noise);
        Files.deleteIfExists(dir.previousCheckpointFile());
        assertInputToFix(cli(List.of("train", "--resume", run.toString())),
                dir.checkpointFile() + " is not a DML Workbench checkpoint");
    }

    // 15. A config.json field of the wrong type is named, without Gson's links.
    @Test
    void case15_aWrongFieldTypeIsNamed() throws IOException {
        Path run = temp.resolve("wrong-type");
        assertEquals(0, cli(tinyTrain(run)).exitCode());
        Path config = run.resolve("config.json");
        Files.writeString(config, Files.readString(config)
                .replaceFirst("\"embeddingDim\": \\d+", "\"embeddingDim\": \"lots\""));
        CliRunner.Result result = cli(List.of("eval", "--run", run.toString(), "--device", "cpu"));
        assertInputToFix(result, "config.model.embeddingDim", "expected a number", "lots");
        assertFalse(result.err().contains("http"), result.err());
    }

    // 16. --out naming a file or a place no folder can be made says what is wrong.
    @Test
    void case16_anImpossibleOutFolderSaysWhy() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        assertInputToFix(cli(tinyTrain(file)), "is a file, not a folder");
        assertInputToFix(cli(tinyTrain(Path.of("/proc/dmlwb-cannot-exist"))),
                "cannot create the run folder /proc/dmlwb-cannot-exist");
    }

    // 17. A bad option value: one sentence and where the help is, exit 1.
    @Test
    void case17_aBadOptionValueIsOneSentence() {
        CliRunner.Result result = cli(List.of("train", "--seed", "abc"));
        assertInputToFix(result, "--seed", "abc", "see 'dml-workbench train --help'");
        assertTrue(result.err().lines().count() <= 3, result.err());
        assertFalse(result.err().contains("Usage:"), result.err());
    }

    // 18. Input to fix gets its sentence only: no class name, no debug hint.
    @Test
    void case18_inputErrorsCarryNoClassNames() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("no-data-here"));
        assertInputToFix(cli(List.of("train", "--data", empty.toString(), "--out",
                temp.resolve("x18").toString())), empty.toString());
    }

    // 19. A NaN loss is reported once, with advice that works.
    @Test
    void case19_aNonFiniteLossIsReportedOnceWithAdvice() {
        CliRunner.Result result = cli(tinyTrain(temp.resolve("nan"), "--optimizer", "sgd", "--lr",
                "1e30", "--clip-gradient", "0"));
        assertEquals(3, result.exitCode(), result.err());
        assertEquals(1, result.err().split("the loss became", -1).length - 1, result.err());
        assertTrue(result.err().contains("lower --lr"), result.err());
        assertNoTrace(result.err());
    }

    /** A CLI command in its own JVM (to set its heap), with its output. */
    record Forked(int exitCode, String output) {}

    static Forked forked(String heap, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(temp, "forked", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + Files.readString(log));
        }
        return new Forked(process.exitValue(), Files.readString(log));
    }
}
