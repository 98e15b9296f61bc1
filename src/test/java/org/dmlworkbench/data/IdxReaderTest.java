package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void roundTripsImagesAndLabels(boolean gz) throws Exception {
        int[] trainLabels = {3, 0, 2, 1, 3};
        int[] testLabels = {1, 2};
        TestFiles.writeIdxFolder(dir, trainLabels, testLabels, gz);

        Dataset dataset = IdxReader.readFolder(dir, "tiny", List.of("a", "b", "c", "d"));

        assertEquals("idx", dataset.format());
        ImageSet train = dataset.train();
        assertEquals(5, train.size());
        assertEquals(1, train.channels());
        assertEquals(2, train.height());
        assertEquals(3, train.width());
        assertArrayEquals(trainLabels, train.labels());
        assertArrayEquals(testLabels, dataset.test().labels());
        byte[] expected = TestFiles.patternPixels(5, 6, 1);
        for (int i = 0; i < 5; i++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[i * 6 + r * 3 + c] & 0xFF, train.pixel(i, 0, r, c));
                }
            }
        }
        assertEquals(List.of("a", "b", "c", "d"), dataset.classNames());
    }

    @Test
    void classNamesComeFromClassesTxtElseFromTheLargestLabel() throws Exception {
        TestFiles.writeIdxFolder(dir, new int[] {0, 4, 1, 3}, new int[] {2}, false);
        assertEquals(List.of("0", "1", "2", "3", "4"), IdxReader.readFolder(dir, "x", null).classNames());

        Files.writeString(dir.resolve("classes.txt"), "zero\none\ntwo\nthree\nfour\nfive\n");
        assertEquals(6, IdxReader.readFolder(dir, "x", null).train().numClasses());
    }

    @Test
    void badMagicNamesTheFile() throws Exception {
        Path file = dir.resolve("images");
        byte[] content = TestFiles.idxImages(1, 2, 2, new byte[4]);
        content[3] = 0x01;
        Files.write(file, content);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("bad magic number 0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("IDX label file"), e.getMessage());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedPixelsAreReported(boolean gz) throws Exception {
        Path file = dir.resolve("images" + (gz ? ".gz" : ""));
        byte[] content = TestFiles.idxImages(3, 2, 2, new byte[12]);
        TestFiles.write(file, Arrays.copyOf(content, content.length - 5), gz);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("only 7 follow"), e.getMessage());
    }

    @Test
    void truncatedGzipStreamIsReported() throws Exception {
        Path file = dir.resolve("labels.gz");
        // Random labels do not compress, so half the gzip file ends well inside the labels.
        int[] labels = new java.util.SplittableRandom(1).ints(5000, 0, 256).toArray();
        byte[] gz = TestFiles.gzip(TestFiles.idxLabels(labels));
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("gzip stream is truncated or corrupt"), e.getMessage());
    }

    @Test
    void headerCutShortIsReported() throws Exception {
        Path file = dir.resolve("images");
        Files.write(file, Arrays.copyOf(TestFiles.idxImages(1, 2, 2, new byte[4]), 10));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("ends inside the header"), e.getMessage());
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void trailingBytesAreReported(boolean gz) throws Exception {
        Path file = dir.resolve("labels");
        byte[] content = TestFiles.idxLabels(new int[] {1, 2, 3});
        TestFiles.write(file, Arrays.copyOf(content, content.length + 4), gz);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("has 4 bytes after the 3 labels"), e.getMessage());
    }

    @Test
    void labelAndImageCountsMustAgree() throws Exception {
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        Files.write(images, TestFiles.idxImages(3, 1, 1, new byte[3]));
        Files.write(labels, TestFiles.idxLabels(new int[] {0, 1}));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(images, labels, List.of("a", "b")));
        assertEquals(labels.toString(), e.file());
        assertTrue(e.getMessage().contains("holds 2 labels but " + images + " holds 3 images"), e.getMessage());
    }

    @Test
    void labelOutsideTheClassesIsReported() throws Exception {
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        Files.write(images, TestFiles.idxImages(3, 1, 1, new byte[3]));
        Files.write(labels, TestFiles.idxLabels(new int[] {0, 1, 10}));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(images, labels, IdxReader.numberedClasses(10)));
        assertEquals(labels.toString(), e.file());
        assertTrue(e.getMessage().contains("label 10 at item 2 is outside 0..9"), e.getMessage());
    }

    @Test
    void missingSplitFileIsNamed() throws Exception {
        TestFiles.writeIdxFolder(dir, new int[] {0}, new int[] {0}, true);
        Files.delete(dir.resolve(IdxReader.TEST_LABELS + ".gz"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.readFolder(dir, "x", null));
        assertTrue(e.getMessage().contains(IdxReader.TEST_LABELS), e.getMessage());
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    }
}
