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

class CifarBinaryReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsRecordsAsChannelMajorImages() throws Exception {
        TestFiles.writeCifarFolder(dir);

        Dataset dataset = CifarBinaryReader.readFolder(dir, "cifar-10");

        assertEquals("cifar-10-binary", dataset.format());
        assertEquals(List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"), dataset.classNames());
        ImageSet train = dataset.train();
        assertEquals(25, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        // Batch b holds labels b..b+4, batches in order 1..5.
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 1, 2, 3, 4, 5, 2, 3, 4, 5, 6, 3, 4, 5, 6, 7, 4, 5, 6, 7, 8},
                train.labels());
        assertArrayEquals(new int[] {9, 8, 7, 6, 5}, dataset.test().labels());
        // Record 2 of data_batch_4.bin (image 17): byte 1 + c*1024 + r*32 + x of the record is
        // pixel (c, r, x): the red, green and blue planes, rows in order.
        byte[] batch4 = Files.readAllBytes(dir.resolve("data_batch_4.bin"));
        int record = 2 * CifarBinaryReader.RECORD_BYTES;
        for (int[] at : new int[][] {{0, 0, 0}, {0, 5, 17}, {1, 31, 31}, {2, 10, 3}}) {
            int expected = batch4[record + 1 + at[0] * 1024 + at[1] * 32 + at[2]] & 0xFF;
            assertEquals(expected, train.pixel(17, at[0], at[1], at[2]));
        }
        assertEquals(dir.resolve("data_batch_4.bin") + "#2", train.source(17).orElseThrow());
    }

    @Test
    void findsTheArchiveSubFolder() throws Exception {
        TestFiles.writeCifarFolder(dir.resolve(CifarBinaryReader.ARCHIVE_FOLDER));
        assertTrue(CifarBinaryReader.isCifarFolder(dir));
        assertEquals(5, CifarBinaryReader.readFolder(dir, "c").test().size());
    }

    @Test
    void truncatedBatchIsReported() throws Exception {
        TestFiles.writeCifarFolder(dir);
        Path file = dir.resolve("data_batch_3.bin");
        byte[] content = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(content, content.length - 100));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarBinaryReader.readFolder(dir, "c"));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("is not a positive multiple of 3073"), e.getMessage());
        assertTrue(e.getMessage().contains("4 whole records and 2973 bytes left over"), e.getMessage());
    }

    @Test
    void labelOutsideTheClassesIsReported() throws Exception {
        TestFiles.writeCifarFolder(dir);
        Path file = dir.resolve(CifarBinaryReader.TEST_FILE);
        Files.write(file, TestFiles.cifarBatch(new int[] {1, 12}, 0));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarBinaryReader.readFolder(dir, "c"));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("record 1 has label 12, outside 0..9"), e.getMessage());
    }

    @Test
    void missingBatchIsNamed() throws Exception {
        TestFiles.writeCifarFolder(dir);
        Files.delete(dir.resolve("data_batch_2.bin"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarBinaryReader.readFolder(dir, "c"));
        assertEquals(dir.resolve("data_batch_2.bin").toString(), e.file());
    }
}
