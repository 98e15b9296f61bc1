package org.dmlworkbench.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.run.MetricsLog;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import org.dmlworkbench.config.TrainingConfig;

class ResumeTest {

    @TempDir
    Path temp;

    /** Ends the process-like run abruptly after a given step, without any chance to save. */
    private static final class KillAfter implements TrainingObserver {
        private final long step;

        KillAfter(long step) {
            this.step = step;
        }

        @Override
        public void onStep(Step s) {
            if (s.globalStep() == step) {
                throw new SimulatedKill();
            }
        }
    }

    private static final class SimulatedKill extends RuntimeException {}

    @Test
    void aRunKilledMidEpochAndResumedEndsWhereAnUninterruptedRunEnds() throws IOException {
        killResumeAndCompare(TrainingFixtures.tinyConfig());
    }

    /** Losses that draw random numbers every step (Metrix's lambda, SiMix's coefficients). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ms+metrix:0.4", "rsk"})
    void randomDrawsOfAResumedRunAreThoseOfTheUninterruptedRun(String loss) throws IOException {
        killResumeAndCompare(TrainingFixtures.tinyConfig().toBuilder()
                .loss(loss, loss.equals("rsk") ? Map.of("rsk.simix", "true") : Map.of())
                .sampler("m-per-class", 8).epochs(2).build());
    }

    /** Random crops and flips drawn on loader threads: the same views after a resume. */
    @Test
    void augmentedViewsOfAResumedRunAreThoseOfTheUninterruptedRun() throws IOException {
        killResumeAndCompare(TrainingFixtures.tinyConfig().toBuilder()
                .augment(new org.dmlworkbench.data.Augmentation("standard", 0.3, 1, 0.75, 1.33, true, 0.2))
                .build());
    }

    private void killResumeAndCompare(TrainingConfig config) throws IOException {
        Dataset data = TrainingFixtures.sample();

        RunDirectory straight = new RunDirectory(temp.resolve("straight"));
        TrainingOutcome expected = MetricTrainer.create(straight, config, data,
                TrainingObserver.NONE, new TrainingControl()).run();
        assertTrue(expected.completed(), expected.message());

        RunDirectory killed = new RunDirectory(temp.resolve("killed"));
        // 31 steps per epoch: step 43 is in the middle of epoch 2, 3 steps after a checkpoint.
        assertThrows(SimulatedKill.class, () -> MetricTrainer.create(killed, config, data,
                new KillAfter(43), new TrainingControl()).run());
        assertTrue(killed.hasCheckpoint());
        assertEquals(1, MetricsLog.read(killed.metricsFile()).rowCount());

        TrainingOutcome resumed = MetricTrainer.resume(killed, data, TrainingObserver.NONE,
                new TrainingControl()).run();
        assertTrue(resumed.completed(), resumed.message());

        Map<String, Object> a = expected.finalMetrics().toJsonMap();
        Map<String, Object> b = resumed.finalMetrics().toJsonMap();
        for (String key : new String[] {"precision_at_1", "r_precision", "map_at_r", "nmi", "ami", "f1"}) {
            assertEquals(((Number) a.get(key)).doubleValue(), ((Number) b.get(key)).doubleValue(), 1e-4, key);
        }
        Table left = MetricsLog.read(straight.metricsFile());
        Table right = MetricsLog.read(killed.metricsFile());
        assertEquals(2, right.rowCount());
        assertArrayEquals(left.doubleColumn("train_loss").asDoubleArray(),
                right.doubleColumn("train_loss").asDoubleArray(), 1e-6);
        assertArrayEquals(Files.readAllBytes(straight.modelFile()), Files.readAllBytes(killed.modelFile()),
                "the resumed model's parameters differ from the uninterrupted run's");
        assertEquals(RunStatus.State.COMPLETED, killed.readStatus().state());
    }

    @Test
    void aStopRequestKeepsACheckpointAndAUsableModel() throws IOException {
        Dataset data = TrainingFixtures.sample();
        TrainingControl control = new TrainingControl();
        RunDirectory run = new RunDirectory(temp.resolve("stopped"));
        TrainingObserver stopAt = new TrainingObserver() {
            @Override
            public void onStep(Step s) {
                if (s.globalStep() == 8) {
                    control.stop();
                }
            }
        };
        TrainingOutcome outcome = MetricTrainer.create(run, TrainingFixtures.tinyConfig(), data, stopAt,
                control).run();
        assertEquals(TrainingOutcome.Status.STOPPED, outcome.status());
        assertTrue(run.hasCheckpoint());
        assertTrue(Files.size(run.modelFile()) > 0);
        assertEquals(RunStatus.State.STOPPED, run.readStatus().state());
    }

    /**
     * Killed after its last epoch's checkpoint but before it was marked complete (its model file
     * not yet written): the resume trains nothing, evaluates the network and completes the run
     * as the uninterrupted one completed it.
     */
    @Test
    void aRunKilledAfterItsLastCheckpointCompletesOnResume() throws IOException {
        Dataset data = TrainingFixtures.sample();
        TrainingConfig config = TrainingFixtures.tinyConfig().toBuilder().epochs(1).build();
        RunDirectory run = new RunDirectory(temp.resolve("last-checkpoint"));
        TrainingOutcome straight = MetricTrainer.create(run, config, data, TrainingObserver.NONE,
                new TrainingControl()).run();
        assertTrue(straight.completed(), straight.message());
        byte[] model = Files.readAllBytes(run.modelFile());
        Files.delete(run.modelFile());
        run.writeStatus(RunStatus.State.RUNNING, "killed", 0, config.epochs());

        TrainingOutcome resumed = MetricTrainer.resume(run, data, TrainingObserver.NONE,
                new TrainingControl()).run();
        assertTrue(resumed.completed(), resumed.message());
        assertEquals(RunStatus.State.COMPLETED, run.readStatus().state());
        assertArrayEquals(model, Files.readAllBytes(run.modelFile()));
        assertEquals(((Number) straight.finalMetrics().toJsonMap().get("precision_at_1")).doubleValue(),
                ((Number) resumed.finalMetrics().toJsonMap().get("precision_at_1")).doubleValue(), 1e-6);
    }

    /**
     * A run whose recorded loss settings differ from what this build would use (here: as an older
     * build recorded Metrix, before the renormalise setting existed) is not resumed with the new
     * behaviour; with its record intact it resumes.
     */
    @Test
    void aRunThisBuildWouldTrainDifferentlyIsNotResumed() throws IOException {
        Dataset data = TrainingFixtures.sample();
        TrainingControl control = new TrainingControl();
        RunDirectory run = new RunDirectory(temp.resolve("older-build"));
        TrainingConfig config = TrainingFixtures.tinyConfig().toBuilder().loss("ms+metrix:0.4", Map.of())
                .sampler("m-per-class", 8).build();
        TrainingObserver stopAt = new TrainingObserver() {
            @Override
            public void onStep(Step s) {
                if (s.globalStep() == 3) {
                    control.stop();
                }
            }
        };
        assertEquals(TrainingOutcome.Status.STOPPED,
                MetricTrainer.create(run, config, data, stopAt, control).run().status());
        String recorded = Files.readString(run.configFile());
        com.google.gson.JsonObject manifest = com.google.gson.JsonParser.parseString(recorded).getAsJsonObject();
        manifest.getAsJsonObject("lossParameters").getAsJsonObject("parameters").remove("metrix.renormalise");
        Files.writeString(run.configFile(), manifest.toString());
        IOException refused = assertThrows(IOException.class,
                () -> MetricTrainer.resume(run, data, TrainingObserver.NONE, new TrainingControl()));
        assertTrue(refused.getMessage().contains("trains it differently from this one")
                && refused.getMessage().contains("resume it with the build that started it"),
                refused.getMessage());
        Files.writeString(run.configFile(), recorded);
        TrainingControl stopAgain = new TrainingControl();
        stopAgain.stop();
        TrainingOutcome resumed = MetricTrainer.resume(run, data, TrainingObserver.NONE, stopAgain).run();
        assertEquals(TrainingOutcome.Status.STOPPED, resumed.status(), resumed.message());
    }

    @Test
    void aNonFiniteLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
        Dataset data = TrainingFixtures.sample();
        // A learning rate this large drives the weights to infinity within a few steps.
        TrainingConfig config = TrainingFixtures.tinyConfig().toBuilder()
                .optimizer(new org.dmlworkbench.config.OptimizerSpec("sgd", 1e30, 0, 0, 0))
                .build();
        RunDirectory run = new RunDirectory(temp.resolve("nan"));
        TrainingOutcome outcome = MetricTrainer.create(run, config, data, TrainingObserver.NONE,
                new TrainingControl()).run();
        assertEquals(TrainingOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.message().contains("the loss became"), outcome.message());
        assertEquals(RunStatus.State.FAILED, run.readStatus().state());
    }

    @Test
    void aNewRunRefusesToOverwriteAnother() throws IOException {
        RunDirectory run = new RunDirectory(temp.resolve("taken"));
        Files.createDirectories(run.root());
        Files.writeString(run.configFile(), "{}");
        IOException e = assertThrows(IOException.class, () -> MetricTrainer.create(run,
                TrainingFixtures.tinyConfig(), TrainingFixtures.sample(), TrainingObserver.NONE,
                new TrainingControl()));
        assertTrue(e.getMessage().contains("already holds a run"));
    }
}
