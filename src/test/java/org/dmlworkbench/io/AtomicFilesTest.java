package org.dmlworkbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path temp;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = temp.resolve("a.json");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second");
        assertEquals("second", Files.readString(file));
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFullDiskKeepsThePreviousVersionAndSaysWhatToDo() throws IOException {
        Path file = temp.resolve("metrics.csv");
        AtomicFiles.writeString(file, "epoch\n1\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("epoch\n1\n2".getBytes());
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().startsWith("the disk is full"), e.getMessage());
        assertTrue(e.getMessage().contains("previous version is kept"));
        assertEquals("epoch\n1\n", Files.readString(file));
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(1, files.count(), "the temporary file was left behind");
        }
    }

    @Test
    void createsMissingFolders() throws IOException {
        Path file = temp.resolve("x/y/z.bin");
        AtomicFiles.writeBytes(file, new byte[] {1, 2, 3});
        assertEquals(3, Files.size(file));
    }

    @Test
    void aWrittenFileHasTheModeAPlainlyCreatedFileGets() throws IOException {
        Assumptions.assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(temp.resolve("plain.txt"));
        Path written = temp.resolve("written.csv");
        AtomicFiles.writeString(written, "a,b\n");
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
    }
}
