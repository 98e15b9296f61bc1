package org.dmlworkbench.guided;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop and resume in both stages, on a tiny in-memory data set (3 classes, 28x28). */
class GuidedPipelineResumeTest {

    @TempDir
    Path temp;

    private static ImageSet images(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * 28 * 28];
        random.nextBytes(pixels);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
        }
        return new ImageSet(1, 28, 28, pixels, labels, List.of("a", "b", "c"), null);
    }

    private static Dataset tiny() {
        return new Dataset("tiny", "image-folder", "memory", images(24, 1), images(12, 2), List.of(),
                "none");
    }

    private static TrainingConfig config() {
        return TrainingConfig.defaults().toBuilder()
                .data("tiny")
                .model(ModelSpec.preset("cnn").withLayout(0, List.of(4, 8)).withEmbeddingDim(2))
                .loss("guided", Map.of())
                .batchSize(8)
                .epochs(2)
                .seed(3)
                .device("cpu")
                .checkpoints(3600, 1)
                .method("guided", null, Map.of("guided.master-epochs", "2", "guided.triplets", "2"))
                .build();
    }

    @Test
    void stopInTheMasterStageRetrainsItOnResume() throws Exception {
        RunDirectory run = new RunDirectory(temp.resolve("run"));
        Dataset data = tiny();
        TrainingControl control = new TrainingControl();
        control.stop();
        TrainingOutcome stopped = GuidedPipeline.create(run, config(), data, TrainingObserver.NONE,
                control).run();
        assertEquals(TrainingOutcome.Status.STOPPED, stopped.status());
        assertTrue(stopped.message().contains("master"), stopped.message());
        assertEquals(RunStatus.State.STOPPED, run.readStatus().state());
        assertFalse(new MasterFiles(run.root().resolve("master")).complete());

        TrainingOutcome done = GuidedPipeline.resume(run, data, TrainingObserver.NONE,
                new TrainingControl()).run();
        assertEquals(TrainingOutcome.Status.COMPLETED, done.status(), done.message());
        assertTrue(new MasterFiles(run.root().resolve("master")).complete());
        assertTrue(Files.isRegularFile(run.modelFile()));
    }

    @Test
    void stopInTheStudentStageResumesTheStudentWithTheSavedMaster() throws Exception {
        RunDirectory run = new RunDirectory(temp.resolve("run"));
        Dataset data = tiny();
        TrainingControl control = new TrainingControl();
        TrainingObserver stopAfterFirstStudentStep = new TrainingObserver() {
            @Override
            public void onStep(Step step) {
                control.stop();
            }
        };
        TrainingOutcome stopped = GuidedPipeline.create(run, config(), data,
                stopAfterFirstStudentStep, control).run();
        assertEquals(TrainingOutcome.Status.STOPPED, stopped.status());
        MasterFiles master = new MasterFiles(run.root().resolve("master"));
        assertTrue(master.complete());
        assertTrue(run.hasCheckpoint());
        FileTime masterWritten = Files.getLastModifiedTime(master.summary());
        byte[] targets = Files.readAllBytes(master.targets());

        TrainingOutcome done = GuidedPipeline.resume(run, data, TrainingObserver.NONE,
                new TrainingControl()).run();
        assertEquals(TrainingOutcome.Status.COMPLETED, done.status(), done.message());
        assertEquals(masterWritten, Files.getLastModifiedTime(master.summary()),
                "the master is not trained again");
        assertTrue(java.util.Arrays.equals(targets, Files.readAllBytes(master.targets())));
        assertEquals(2, done.completedEpochs());
    }
}
