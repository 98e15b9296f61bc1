package org.dmlworkbench.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dmlworkbench.cli.CliRunner;
import org.dmlworkbench.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A teacher run, a student trained against it, and asymmetric testing, through the CLI. */
class AsymmetricTrainingTest {

    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void studentOfATeacherTrainsAndIsTestedAsymmetrically() throws Exception {
        Path teacher = temp.resolve("teacher");
        CliRunner.Result trained = CliRunner.run("train", "--data", "sample", "--epochs", "1", "--batch", "64",
                "--embedding-dim", "16", "--seed", "3", "--device", "cpu", "--out", teacher.toString());
        assertEquals(0, trained.exitCode(), trained.err());

        Path student = temp.resolve("student");
        CliRunner.Result distilled = CliRunner.run("train", "--data", "sample", "--epochs", "1", "--batch", "64",
                "--model", "cnn", "--conv-widths", "8,16", "--embedding-dim", "16", "--seed", "3",
                "--device", "cpu", "--method", "asymmetric", "--teacher-run", teacher.toString(),
                "--loss", "asym-contr+", "--out", student.toString());
        assertEquals(0, distilled.exitCode(), distilled.err());
        Map<String, Object> config = Json.read(student.resolve("config.json"), Map.class);
        Map<String, Object> model = (Map<String, Object>) config.get("model");
        assertEquals(0.0, ((Number) model.get("classifierClasses")).doubleValue(),
                "the student has no classifier");
        assertTrue(Files.isRegularFile(student.resolve("model.params")));

        CliRunner.Result asymmetric = CliRunner.run("eval", "--run", student.toString(), "--gallery-run",
                teacher.toString(), "--device", "cpu");
        assertEquals(0, asymmetric.exitCode(), asymmetric.err());
        CliRunner.Result symmetric = CliRunner.run("eval", "--run", student.toString(), "--device", "cpu");
        Map<String, Object> a = Json.gson().fromJson(asymmetric.out(), Map.class);
        Map<String, Object> s = Json.gson().fromJson(symmetric.out(), Map.class);
        assertEquals(teacher.toAbsolutePath().normalize().toString(), a.get("gallery_run"));
        assertNotEquals(a.get("map_at_r"), s.get("map_at_r"),
                "queries against the teacher's gallery differ from the student's own");

        // The teacher's targets computed once: the run trains from them and leaves them in the
        // teacher's gallery cache for its next student.
        Path cachedStudent = temp.resolve("cached-student");
        CliRunner.Result cached = CliRunner.run("train", "--data", "sample", "--epochs", "1", "--batch", "64",
                "--model", "cnn", "--conv-widths", "8,16", "--embedding-dim", "16", "--seed", "3",
                "--device", "cpu", "--method", "asymmetric", "--teacher-run", teacher.toString(),
                "--loss", "asym-contr+", "--method-param", "asym.teacher-cache=true",
                "--out", cachedStudent.toString());
        assertEquals(0, cached.exitCode(), cached.err());
        assertTrue(Files.isRegularFile(teacher.resolve("cache").resolve("gallery-train.idx")));
        assertTrue(Files.isRegularFile(cachedStudent.resolve("eval.json")));

        CliRunner.Result mismatch = CliRunner.run("train", "--data", "sample", "--epochs", "1", "--batch", "64",
                "--embedding-dim", "8", "--device", "cpu", "--method", "asymmetric",
                "--teacher-run", teacher.toString(), "--loss", "asym-reg", "--out",
                temp.resolve("bad").toString());
        assertNotEquals(0, mismatch.exitCode());
        assertTrue(mismatch.err().contains("--embedding-dim 16"), mismatch.err());
    }
}
