package org.dmlworkbench.guided;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dmlworkbench.cli.CliRunner;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --method guided end to end on the bundled sample, one master and one student epoch. */
class GuidedTrainingTest {

    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void masterThenStudentIntoOneRun() throws Exception {
        Path run = temp.resolve("guided");
        CliRunner.Result trained = CliRunner.run("train", "--data", "sample", "--method", "guided", "--loss", "guided",
                "--model", "cnn", "--conv-widths", "8,16", "--embedding-dim", "2", "--epochs", "1",
                "--batch", "100", "--seed", "5", "--device", "cpu",
                "--method-param", "guided.master-epochs=1", "--method-param", "guided.triplets=4",
                "--out", run.toString());
        assertEquals(0, trained.exitCode(), trained.err());

        MasterFiles master = new MasterFiles(run.resolve("master"));
        assertTrue(master.complete(), "master.json, model.params and targets.npy");
        RunManifest manifest = new RunDirectory(run).readManifest();
        NpyMatrix targets = NpyMatrix.read(master.targets());
        assertEquals(manifest.data().trainSize(), targets.rows());
        assertEquals(2, targets.columns());
        assertFalse(manifest.config().model().normalizeEmbedding(),
                "the student regresses unnormalised master coordinates");
        assertEquals(0, manifest.model().classifierClasses());
        assertEquals(master.root().toString(),
                manifest.config().methodParams().get(GuidedSettings.MASTER_DIR));
        Map<String, Object> summary = Json.read(master.summary(), Map.class);
        assertEquals(1, ((java.util.List<?>) summary.get("epochLosses")).size());
        assertTrue(Files.isRegularFile(run.resolve("model.params")));
        assertTrue(Files.isRegularFile(run.resolve("eval.json")));

        CliRunner.Result evaluated = CliRunner.run("eval", "--run", run.toString(), "--device", "cpu");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        Map<String, Object> metrics = Json.gson().fromJson(evaluated.out(), Map.class);
        double p1 = ((Number) metrics.get("precision_at_1")).doubleValue();
        assertTrue(p1 > 0 && p1 <= 1, "P@1 " + p1);

        CliRunner.Result wrongLoss = CliRunner.run("train", "--data", "sample", "--method", "guided", "--loss", "ms",
                "--out", temp.resolve("bad").toString());
        assertNotEquals(0, wrongLoss.exitCode());
        assertTrue(wrongLoss.err().contains("--loss guided"), wrongLoss.err());
    }
}
