package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder larger than the decode cache streams from disk and gives the pixels it would in memory. */
class StreamingTest {

    @TempDir
    Path root;

    @AfterEach
    void clearBudget() {
        System.clearProperty("dmlwb.decodeCacheMb");
    }

    /** 3 classes x 10 colour photos of 120x90 (4:3) with distinct content. */
    private void writePhotos() throws Exception {
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 10; i++) {
                BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 90; y++) {
                    for (int x = 0; x < 120; x++) {
                        image.setRGB(x, y, ((x * 2 + c * 60) & 0xFF) << 16 | ((y * 3 + i * 20) & 0xFF) << 8 | (x + y) & 0xFF);
                    }
                }
                Path file = root.resolve("c" + c).resolve(String.format("%02d.png", i));
                Files.createDirectories(file.getParent());
                ImageIO.write(image, "png", file.toFile());
            }
        }
    }

    private Dataset read(int side) {
        return ImageFolderReader.read(root, "photos", ConversionPolicy.square(side), false, ProgressListener.NONE);
    }

    @Test
    void aSetLargerThanTheCacheStreamsAndGivesTheSamePixels() throws Exception {
        writePhotos();
        Dataset decoded = read(32);
        assertFalse(decoded.conversion().contains("streamed"), decoded.conversion());

        System.setProperty("dmlwb.decodeCacheMb", "0");
        Dataset streamed = read(32);
        assertTrue(streamed.conversion().contains("streamed from disk (30 images"), streamed.conversion());
        assertEquals(decoded.train().size(), streamed.train().size());
        byte[] a = new byte[decoded.train().imageBytes()];
        byte[] b = new byte[a.length];
        for (int i = 0; i < decoded.train().size(); i++) {
            decoded.train().copyImage(i, a, 0);
            streamed.train().copyImage(i, b, 0);
            assertArrayEquals(a, b, "image " + i);
        }
        assertEquals(0, streamed.train().store().memoryBytes(), "a zero budget keeps nothing");
        // A streamed set is known by its files, a decoded one by its pixels: both stable.
        assertEquals(streamed.fingerprint(), read(32).fingerprint());
    }

    @Test
    void theLoaderGivesTheSameBatchesWhateverItsThreadsAndWhereverItStarts() throws Exception {
        writePhotos();
        System.setProperty("dmlwb.decodeCacheMb", "0");
        ImageSet train = read(24).train();
        Normalization normalization = Normalization.fit(train);
        List<int[]> batches = new MPerClassSampler(train.labels(), 2, 6, 9).batches(0);
        Augmentation augmentation = new Augmentation("standard", 0.3, 1, 0.75, 1.33, true, 0.2);
        float[][] oneThread = new float[batches.size()][];
        try (BatchLoader loader = new BatchLoader(train, normalization, augmentation, 5, 1, 1)) {
            loader.start(3, batches, 0);
            for (int i = 0; i < batches.size(); i++) {
                oneThread[i] = loader.next();
            }
        }
        try (BatchLoader loader = new BatchLoader(train, normalization, augmentation, 5, 3, 3)) {
            loader.start(3, batches, 1);
            for (int i = 1; i < batches.size(); i++) {
                assertArrayEquals(oneThread[i], loader.next(), "batch " + i);
            }
        }
        try (BatchLoader loader = new BatchLoader(train, normalization, augmentation, 5, 2, 2)) {
            loader.start(4, batches, 0);
            assertFalse(java.util.Arrays.equals(oneThread[0], loader.next()), "another epoch, other views");
        }
    }
}
