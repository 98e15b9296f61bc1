package org.dmlworkbench.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsReadBackAndUnknownFieldsAreIgnored() throws IOException {
        Path file = dir.resolve("home/settings.json");
        SettingsFile first = SettingsFile.at(file);
        first.get().theme = "DARK";
        first.get().windowWidth = 900;
        first.get().mapMethod = "UMAP";
        first.get().addRecentRun("/runs/a");
        first.save();
        // A later version may add fields; this one must still read the file.
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\"futureField\": 3,"));
        WorkbenchSettings read = SettingsFile.at(file).get();
        assertEquals("DARK", read.theme);
        assertEquals(900, read.windowWidth);
        assertEquals("UMAP", read.mapMethod);
        assertEquals(List.of("/runs/a"), read.recentRuns);
        assertFalse(read.hasWindowBounds(), "x, y and height were never recorded");
    }

    @Test
    void recentRunsKeepTheLastTenMostRecentFirstWithoutRepeats() {
        WorkbenchSettings settings = new WorkbenchSettings();
        IntStream.range(0, 12).forEach(i -> settings.addRecentRun("/runs/" + i));
        settings.addRecentRun("/runs/5");
        assertEquals(WorkbenchSettings.MAX_RECENT, settings.recentRuns.size());
        assertEquals("/runs/5", settings.recentRuns.get(0));
        assertEquals("/runs/11", settings.recentRuns.get(1));
        assertEquals(1, settings.recentRuns.stream().filter("/runs/5"::equals).count());
    }

    @Test
    void inMemorySettingsAreNeverWritten() {
        SettingsFile memory = SettingsFile.inMemory();
        memory.get().theme = "DARK";
        memory.save();
        assertNull(memory.file());
    }

    @Test
    void aDataFolderThatIsGoneReopensTheSample() throws IOException {
        WorkbenchSettings settings = new WorkbenchSettings();
        assertEquals("sample", SessionMemory.dataToReopen(settings));
        settings.lastData = "mnist";
        assertEquals("mnist", SessionMemory.dataToReopen(settings));
        Path folder = Files.createDirectories(dir.resolve("my-images"));
        settings.lastData = folder.toString();
        assertEquals(folder.toString(), SessionMemory.dataToReopen(settings));
        Files.delete(folder);
        assertEquals("sample", SessionMemory.dataToReopen(settings));
        assertTrue(settings.lastData.endsWith("my-images"), "the setting itself is left as it was");
    }
}
