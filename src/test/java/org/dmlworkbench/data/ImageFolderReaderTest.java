package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path root;

    private static final int[][] PATTERN = {
        {0, 10, 20, 30}, {40, 50, 60, 70}, {80, 90, 100, 110}, {120, 130, 140, 150}};

    /**
     * train/cat: a red 4x4 colour image and the 4x4 grey pattern; train/dog: an 8 wide x 4 high
     * grey image; test/dog: a 2x2 grey image. Most common training size 4x4; one colour image, so
     * three channels.
     */
    private void writeMixedFolder() throws Exception {
        TestImages.write(TestImages.solid(4, 4, 255, 0, 0), "png", root.resolve("train/cat/1.png"));
        TestImages.write(TestImages.grey(PATTERN), "png", root.resolve("train/cat/2.png"));
        int[][] wide = new int[4][8];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                wide[y][x] = 10 * x + y;
            }
        }
        TestImages.write(TestImages.grey(wide), "png", root.resolve("train/dog/1.png"));
        TestImages.write(TestImages.grey(new int[][] {{0, 100}, {100, 200}}), "jpg", root.resolve("test/dog/1.jpg"));
    }

    @Test
    void mixedSizesAndColoursFollowTheDecidedPolicy() throws Exception {
        writeMixedFolder();
        Dataset dataset = ImageFolderReader.read(root, "mixed", ConversionPolicy.auto(), false, ProgressListener.NONE);

        assertEquals("image-folder", dataset.format());
        assertEquals(List.of("cat", "dog"), dataset.classNames());
        ImageSet train = dataset.train();
        assertEquals(3, train.channels());
        assertEquals(4, train.height());
        assertEquals(4, train.width());
        assertArrayEquals(new int[] {0, 0, 1}, train.labels());
        assertArrayEquals(new int[] {1}, dataset.test().labels());
        // The red image: R plane 255, G and B 0.
        assertEquals(255, train.pixel(0, 0, 3, 3));
        assertEquals(0, train.pixel(0, 1, 3, 3));
        // The grey pattern is copied into all three channels unchanged.
        for (int c = 0; c < 3; c++) {
            assertEquals(PATTERN[2][1], train.pixel(1, c, 2, 1));
        }
        // The 8x4 image is cut to its middle columns 2..5: value 10*x + y.
        assertEquals(10 * 2 + 0, train.pixel(2, 0, 0, 0));
        assertEquals(10 * 5 + 3, train.pixel(2, 2, 3, 3));
        assertEquals(root.resolve("train/cat/2.png").toString(), train.source(1).orElseThrow());
        assertTrue(dataset.conversion().startsWith("3x4x4 center-crop"), dataset.conversion());
        assertTrue(dataset.skippedBadFiles().isEmpty());
    }

    @Test
    void anOverrideFixesChannelsAndSize() throws Exception {
        writeMixedFolder();
        Dataset dataset = ImageFolderReader.read(root, "mixed", ConversionPolicy.of(1, 2, 2), false,
                ProgressListener.NONE);
        // The grey pattern shrunk by 2x2 block means: 25, 45, 105, 125.
        ImageSet train = dataset.train();
        assertEquals(1, train.channels());
        assertEquals(25, train.pixel(1, 0, 0, 0));
        assertEquals(125, train.pixel(1, 0, 1, 1));
        // The red image in grey: 0.299 * 255 = 76.2 -> 76.
        assertEquals(76, train.pixel(0, 0, 0, 0));
    }

    @Test
    void anUnreadableFileIsAnErrorUnlessSkipped() throws Exception {
        writeMixedFolder();
        Path broken = Files.writeString(root.resolve("train/dog/0-broken.png"), "not a png");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ImageFolderReader.read(root, "mixed", ConversionPolicy.auto(), false, ProgressListener.NONE));
        assertEquals(broken.toString(), e.file());

        List<String> tasks = new ArrayList<>();
        Dataset dataset = ImageFolderReader.read(root, "mixed", ConversionPolicy.auto(), true,
                (task, done, total, unit) -> tasks.add(task + " " + done + "/" + total));
        assertEquals(1, dataset.skippedBadFiles().size());
        assertTrue(dataset.skippedBadFiles().get(0).startsWith(broken.toString()), dataset.skippedBadFiles().get(0));
        assertEquals(3, dataset.train().size());
        assertTrue(tasks.contains("read images 4/4"), "the file that is no image is not read again: " + tasks);
    }

    @Test
    void aFileThatFailsOnlyWhenDecodedIsAlsoCaught() throws Exception {
        writeMixedFolder();
        // A valid PNG header with the image data cut off: the header pass accepts it.
        Path png = TestImages.write(TestImages.grey(PATTERN), "png", root.resolve("train/cat/3.png"));
        byte[] content = Files.readAllBytes(png);
        Files.write(png, java.util.Arrays.copyOf(content, 40));
        Dataset dataset = ImageFolderReader.read(root, "mixed", ConversionPolicy.of(1, 4, 4), true,
                ProgressListener.NONE);
        assertEquals(1, dataset.skippedBadFiles().size());
        assertTrue(dataset.skippedBadFiles().get(0).startsWith(png.toString()));
        assertThrows(DataFormatException.class, () -> ImageFolderReader.read(root, "mixed",
                ConversionPolicy.of(1, 4, 4), false, ProgressListener.NONE));
    }

    @Test
    void withoutTrainAndTestFoldersEveryFifthFileIsTest() throws Exception {
        for (String cls : List.of("b-second", "a-first")) {
            for (int i = 0; i < 11; i++) {
                TestImages.write(TestImages.grey(new int[][] {{i}}), "png", root.resolve(cls + "/" + String.format("%02d.png", i)));
            }
        }
        Files.writeString(root.resolve("a-first/.DS_Store"), "finder junk");
        Files.writeString(root.resolve("README.txt"), "root files are not images");
        Dataset dataset = ImageFolderReader.read(root, "flat", ConversionPolicy.auto(), false, ProgressListener.NONE);

        assertEquals(List.of("a-first", "b-second"), dataset.classNames());
        List<String> testSources = new ArrayList<>();
        for (int i = 0; i < dataset.test().size(); i++) {
            testSources.add(root.relativize(Path.of(dataset.test().source(i).orElseThrow())).toString());
        }
        assertEquals(List.of("a-first/04.png", "a-first/09.png", "b-second/04.png", "b-second/09.png"), testSources);
        assertEquals(18, dataset.train().size());
        assertEquals(9, dataset.test().pixel(1, 0, 0, 0));
        assertTrue(dataset.conversion().contains("every 5th file"), dataset.conversion());
    }

    @Test
    void testClassesWithoutTrainingFoldersAreUnseenClassesListedAfterTheTrainingOnes() throws Exception {
        int[][] pixel = {{1}};
        for (String path : List.of("train/dog/1.png", "train/dog/2.png", "train/cat/1.png",
                "test/zebra/1.png", "test/ant/1.png", "test/ant/2.png", "test/cat/3.png")) {
            TestImages.write(TestImages.grey(pixel), "png", root.resolve(path));
        }
        Dataset data = ImageFolderReader.read(root, "x", ConversionPolicy.auto(), false, ProgressListener.NONE);
        assertEquals(List.of("cat", "dog", "ant", "zebra"), data.classNames());
        assertEquals(2, data.trainClassCount());
        assertArrayEquals(new int[] {1, 2, 0, 0}, data.train().classCounts());
        assertArrayEquals(new int[] {1, 0, 2, 1}, data.test().classCounts());
        assertFalse(data.testClassesAreTrained());
        assertTrue(data.conversion().contains("2 test classes have no training images"), data.conversion());
    }

    @Test
    void layoutMistakesAreNamed() throws Exception {
        TestImages.write(TestImages.grey(new int[][] {{1}}), "png", root.resolve("train/cat/1.png"));
        DataFormatException onlyTrain = assertThrows(DataFormatException.class,
                () -> ImageFolderReader.read(root, "x", ConversionPolicy.auto(), false, ProgressListener.NONE));
        assertTrue(onlyTrain.getMessage().contains("holds exactly train/ and test/"), onlyTrain.getMessage());

        Files.createDirectories(root.resolve("test/cat/nested"));
        DataFormatException nested = assertThrows(DataFormatException.class,
                () -> ImageFolderReader.read(root, "x", ConversionPolicy.auto(), false, ProgressListener.NONE));
        assertEquals(root.resolve("test/cat/nested").toString(), nested.file());
    }

    @Test
    void indexLinesListEveryImageSorted() throws Exception {
        writeMixedFolder();
        Files.writeString(root.resolve("train/cat/.hidden"), "x");
        assertEquals(List.of("test/dog/1.jpg", "train/cat/1.png", "train/cat/2.png", "train/dog/1.png"),
                ImageFolderReader.indexLines(root));
    }

    @Test
    void exportThenReadGivesTheSamePixels() throws Exception {
        byte[] pixels = TestFiles.patternPixels(6, 3 * 2 * 2, 4);
        ImageSet train = new ImageSet(3, 2, 2, pixels, new int[] {1, 0, 1, 1, 0, 0}, List.of("Big Cat", "dog/wolf"), null);
        ImageSet test = train.subset(new int[] {0, 1});
        Dataset original = new Dataset("t", "idx", "mem", train, test, List.of(), "none");
        List<String> written = ImageFolderExporter.export(original, 2, 0, root.resolve("out"));

        assertEquals(List.of("test/0-big-cat/00001.png", "test/1-dog-wolf/00000.png",
                "train/0-big-cat/00001.png", "train/0-big-cat/00004.png",
                "train/1-dog-wolf/00000.png", "train/1-dog-wolf/00002.png"), written);
        assertEquals(written, Files.readAllLines(root.resolve("out/index.txt")));
        Dataset back = ImageFolderReader.read(root.resolve("out"), "t", ConversionPolicy.auto(), false,
                ProgressListener.NONE);
        // Sorted folders put image 1 (label 0) first, then 4, 0, 2.
        assertEquals(train.subset(new int[] {1, 4, 0, 2}).contentFingerprint(), back.train().contentFingerprint());
        assertThrows(java.io.IOException.class, () -> ImageFolderExporter.export(original, 1, 1, root.resolve("out")));
    }
}
