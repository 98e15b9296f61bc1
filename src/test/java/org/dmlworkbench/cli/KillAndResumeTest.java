package org.dmlworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance scenario with a real process: a training run killed with SIGKILL mid-epoch and
 * resumed with 'train --resume' ends with the metrics of an uninterrupted run of the same seed.
 */
class KillAndResumeTest {

    @TempDir
    Path temp;

    private static List<String> trainArgs(Path out) {
        return List.of("train", "--data", "sample", "--epochs", "3", "--batch", "64",
                "--embedding-dim", "32", "--seed", "11", "--device", "cpu",
                "--checkpoint-every-steps", "4", "--out", out.toString());
    }

    /**
     * All three runs (killed, resumed, uninterrupted) are child JVMs started the same way, with
     * one intra-op thread: a run in the test's own JVM would share an engine that earlier tests
     * have used, and float sums split over a different number of threads differ in the last bits,
     * which after a few hundred steps can flip a neighbour. The promise tested is bit-identical
     * resume for the same engine settings.
     */
    private List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Ddmlwb.home=" + temp.resolve("home"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return command;
    }

    private Process start(List<String> args, String log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(args))
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve(log).toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    private int runToEnd(List<String> args, String log) throws Exception {
        Process process = start(args, log);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), log + " did not end in 10 minutes");
        return process.exitValue();
    }

    @Test
    void killedMidEpochThenResumedMatchesAnUninterruptedRun() throws Exception {
        Path killed = temp.resolve("killed");
        Process process = start(trainArgs(killed), "killed.log");
        try {
            // Wait until the first epoch is logged and a checkpoint inside epoch 2 exists.
            Path metrics = killed.resolve("metrics.csv");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline && process.isAlive()
                    && !(Files.exists(metrics) && Files.readAllLines(metrics).size() >= 2)) {
                Thread.sleep(50);
            }
            Thread.sleep(700);
            assertTrue(process.isAlive(), "the run ended before it could be killed: "
                    + Files.readString(temp.resolve("killed.log")));
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } finally {
            process.destroyForcibly();
        }
        String status = Files.readString(killed.resolve("status.json"));
        assertTrue(status.contains("RUNNING"), "killed run should still say RUNNING: " + status);
        assertTrue(Files.exists(killed.resolve("checkpoints/last.ckpt")));

        int resumed = runToEnd(List.of("train", "--resume", killed.toString()), "resumed.log");
        String resumedLog = Files.readString(temp.resolve("resumed.log"));
        assertEquals(0, resumed, resumedLog);
        assertTrue(resumedLog.contains("resuming at epoch"), resumedLog);

        Path straight = temp.resolve("straight");
        int uninterrupted = runToEnd(trainArgs(straight), "straight.log");
        assertEquals(0, uninterrupted, Files.readString(temp.resolve("straight.log")));

        JsonObject a = JsonParser.parseString(Files.readString(straight.resolve("eval.json"))).getAsJsonObject();
        JsonObject b = JsonParser.parseString(Files.readString(killed.resolve("eval.json"))).getAsJsonObject();
        for (String key : List.of("precision_at_1", "r_precision", "map_at_r", "nmi", "ami", "f1")) {
            assertEquals(a.get(key).getAsDouble(), b.get(key).getAsDouble(), 1e-4, key);
        }
        // and the weights themselves: byte for byte
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(straight.resolve("model.params")),
                Files.readAllBytes(killed.resolve("model.params"))), "model.params differ");
    }
}
