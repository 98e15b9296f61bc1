package org.dmlworkbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.optim.CheckpointableOptimizer;
import org.dmlworkbench.config.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a checkpoint replaces the last one: last.ckpt is never missing, a failed save changes nothing. */
class CheckpointSaveTest {

    @TempDir
    Path temp;

    private static Block net(NDManager manager, boolean failOnSave) {
        SequentialBlock block = failOnSave ? new SequentialBlock() {
            @Override
            public void saveParameters(DataOutputStream os) throws IOException {
                throw new IOException("no space left on device (simulated)");
            }
        } : new SequentialBlock();
        block.add(Linear.builder().setUnits(2).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return block;
    }

    private static Checkpoint.Position at(int epoch) {
        return new Checkpoint.Position(epoch, 0, epoch * 10L, 0, 0);
    }

    private static int epochOf(Path file, NDManager manager) throws IOException {
        return Checkpoint.loadParameters(file, net(manager, false), manager).completedEpochs();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theNewCheckpointBecomesLastAndTheOneBeforeItPrevious() throws IOException {
        RunDirectory run = new RunDirectory(temp.resolve("run"));
        CheckpointableOptimizer optimizer = org.dmlworkbench.training.optim.Optimizers.of(OptimizerSpec.adam(1e-3));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = net(manager, false);
            Checkpoint.save(run, at(1), net, optimizer);
            assertEquals(List.of("last.ckpt"), names(run.checkpointFile().getParent()));
            Checkpoint.save(run, at(2), net, optimizer);
            Checkpoint.save(run, at(3), net, optimizer);
            assertEquals(3, epochOf(run.checkpointFile(), manager));
            assertEquals(2, epochOf(run.previousCheckpointFile(), manager));
            assertEquals(List.of("last.ckpt", "previous.ckpt"), names(run.checkpointFile().getParent()));
        }
    }

    @Test
    void aSaveThatFailsLeavesLastAndPreviousAsTheyWere() throws IOException {
        RunDirectory run = new RunDirectory(temp.resolve("run"));
        CheckpointableOptimizer optimizer = org.dmlworkbench.training.optim.Optimizers.of(OptimizerSpec.adam(1e-3));
        try (NDManager manager = NDManager.newBaseManager()) {
            Checkpoint.save(run, at(1), net(manager, false), optimizer);
            Checkpoint.save(run, at(2), net(manager, false), optimizer);
            assertThrows(IOException.class,
                    () -> Checkpoint.save(run, at(3), net(manager, true), optimizer));
            // before: last.ckpt was moved aside first, so a failed write left no last.ckpt
            assertEquals(2, epochOf(run.checkpointFile(), manager));
            assertEquals(1, epochOf(run.previousCheckpointFile(), manager));
            assertEquals(List.of("last.ckpt", "previous.ckpt"), names(run.checkpointFile().getParent()));
        }
    }
}
