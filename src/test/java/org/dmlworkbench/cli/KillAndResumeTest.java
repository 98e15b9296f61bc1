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

    @Test
    void killedMidEpochThenResumedMatchesAnUninterruptedRun() throws Exception {
        Path killed = temp.resolve("killed");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(trainArgs(killed));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed.log").toFile())
                .start();
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

        CliRunner.Result resumed = CliRunner.run("train", "--resume", killed.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming at epoch"), resumed.err());

        Path straight = temp.resolve("straight");
        CliRunner.Result uninterrupted = CliRunner.run(trainArgs(straight).toArray(String[]::new));
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

        JsonObject a = JsonParser.parseString(Files.readString(straight.resolve("eval.json"))).getAsJsonObject();
        JsonObject b = JsonParser.parseString(Files.readString(killed.resolve("eval.json"))).getAsJsonObject();
        for (String key : List.of("precision_at_1", "r_precision", "map_at_r", "nmi", "ami", "f1")) {
            assertEquals(a.get(key).getAsDouble(), b.get(key).getAsDouble(), 1e-4, key);
        }
    }
}
