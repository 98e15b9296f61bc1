package org.dmlworkbench.ui.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dmlworkbench.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFormatErrorBecomesOneSentenceNamingTheFileWithoutItsFolder() {
        File file = dir.resolve("notes.txt").toFile();
        String text = QueryFiles.describe(file, new DataFormatException(file.toPath(),
                "is not an image format Java can read (PNG, JPEG expected)"));
        assertEquals("notes.txt is not an image format Java can read (PNG, JPEG expected).", text);
    }

    @Test
    void onlyTheFirstLineOfAMultiLineMessageIsKept() {
        File file = dir.resolve("a.png").toFile();
        String text = QueryFiles.describe(file, new DataFormatException(file.toPath(),
                "is corrupt.\nSee https://example.org/help"));
        assertEquals("a.png is corrupt.", text);
    }

    @Test
    void otherErrorsArePrefixedWithTheFileName() {
        String text = QueryFiles.describe(new File("/x/y/photo.jpg"),
                new IllegalStateException("the run was closed"));
        assertEquals("photo.jpg: the run was closed.", text);
    }

    @Test
    void foldersContributeTheirImageFilesSortedAndFilesAreKeptAsGiven() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("shots"));
        Files.write(folder.resolve("b.png"), new byte[] {1});
        Files.write(folder.resolve("a.JPG"), new byte[] {1});
        Files.writeString(folder.resolve("README.md"), "not an image");
        Path nested = Files.createDirectories(folder.resolve("more"));
        Files.write(nested.resolve("c.gif"), new byte[] {1});
        File loose = dir.resolve("notes.txt").toFile();
        Files.writeString(loose.toPath(), "text");
        QueryFiles.Expanded expanded = QueryFiles.expand(List.of(loose, folder.toFile()));
        assertEquals(List.of(loose, folder.resolve("a.JPG").toFile(), folder.resolve("b.png").toFile(),
                nested.resolve("c.gif").toFile()), expanded.images());
        assertEquals(List.of(), expanded.problems());
    }

    @Test
    void aFolderWithoutImagesAndTooManyImagesAreReported() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path many = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < QueryFiles.MAX_IMAGES + 5; i++) {
            Files.write(many.resolve(String.format("%03d.png", i)), new byte[] {1});
        }
        QueryFiles.Expanded expanded = QueryFiles.expand(List.of(empty.toFile(), many.toFile()));
        assertEquals(QueryFiles.MAX_IMAGES, expanded.images().size());
        assertEquals(many.resolve("000.png").toFile(), expanded.images().get(0));
        assertEquals(2, expanded.problems().size());
        assertTrue(expanded.problems().get(0).startsWith("The folder empty holds no image files"));
        assertEquals("Only the first 100 of 105 images were searched; drop fewer at a time.",
                expanded.problems().get(1));
    }
}
