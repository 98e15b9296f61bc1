package org.dmlworkbench.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFoldersTest {

    @TempDir
    Path root;

    @Test
    void namesByDateTimeAndModelAndNeverReusesAFolder() throws IOException {
        LocalDateTime now = LocalDateTime.of(2025, 3, 14, 9, 15, 2);
        Path first = RunFolders.newRunFolder(root, "Hybrid1", now);
        assertEquals(root.resolve("20250314-091502-hybrid1"), first);
        Files.createDirectories(first);
        assertEquals(root.resolve("20250314-091502-hybrid1-2"), RunFolders.newRunFolder(root, "hybrid1", now));
        assertEquals(root.resolve("20250314-091502-my-net"), RunFolders.newRunFolder(root, "my net", now));
    }
}
