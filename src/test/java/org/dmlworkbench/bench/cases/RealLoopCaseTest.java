package org.dmlworkbench.bench.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealLoopCaseTest {

    @TempDir
    Path dir;

    @Test
    void readsThePeersTrainingSpeedFromItsLog() throws Exception {
        Path log = dir.resolve("peer.log");
        Files.writeString(log, "params 115456\nstep 0 loss 4.1 img/s 800.0\n"
                + "train_img_per_s 3328.8 steps 468 p_at_1 0.8582 seconds 18.0\n");
        assertEquals(3328.8, RealLoopCase.peerTrainingSpeed(log), 1e-9);
    }

    @Test
    void aLogWithoutTheFigureGivesNaN() throws Exception {
        Path log = dir.resolve("peer.log");
        Files.writeString(log, "Traceback (most recent call last):\nImportError: torch\n");
        assertTrue(Double.isNaN(RealLoopCase.peerTrainingSpeed(log)));
    }
}
