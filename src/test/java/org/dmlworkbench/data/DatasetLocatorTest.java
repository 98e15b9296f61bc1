package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {

    @TempDir
    Path temp;

    private DatasetLocator.Options offlineOptions() {
        return DatasetLocator.Options.defaults()
                .withHomeDir(temp.resolve("home"))
                .withSystemDir(temp.resolve("system"))
                .withOffline(true)
                .withDownloader((url, target, progress, task) -> fail("must not download " + url));
    }

    /** An MNIST-like IDX set whose training split has {@code trainCount} images (tells folders apart). */
    private static void writeMnist(Path folder, int trainCount) throws Exception {
        int[] train = new int[trainCount];
        for (int i = 0; i < trainCount; i++) {
            train[i] = i % 10;
        }
        TestFiles.writeIdxFolder(folder, train, new int[] {1, 2}, true);
    }

    @Test
    void dataDirBeatsHomeBeatsSystem() throws Exception {
        Path dataDir = temp.resolve("data");
        DatasetLocator locator = new DatasetLocator(offlineOptions().withDataDir(dataDir));
        writeMnist(temp.resolve("system/mnist"), 3);
        assertEquals(3, locator.load("mnist").train().size());

        writeMnist(temp.resolve("home/datasets/mnist"), 4);
        assertEquals(4, locator.load("mnist").train().size());

        writeMnist(dataDir, 5);
        Dataset fromDataDirItself = locator.load("mnist");
        assertEquals(5, fromDataDirItself.train().size());
        assertEquals(dataDir.toString(), fromDataDirItself.location());

        writeMnist(dataDir.resolve("mnist"), 6);
        Dataset fromNamedFolder = locator.load("MNIST");
        assertEquals(6, fromNamedFolder.train().size());
        assertEquals(dataDir.resolve("mnist").toString(), fromNamedFolder.location());
        assertEquals(DatasetSources.MNIST_CLASSES, fromNamedFolder.classNames());
        assertEquals(List.of(dataDir.resolve("mnist"), dataDir, temp.resolve("home/datasets/mnist"),
                temp.resolve("system/mnist")), locator.searchFolders("mnist"));
    }

    @Test
    void offlineAndMissingSaysWhichFilesGoWhere() throws Exception {
        Path dataDir = temp.resolve("data");
        TestFiles.writeIdxFolder(temp.resolve("home/datasets/fashion-mnist"), new int[] {1}, new int[] {1}, true);
        Files.delete(temp.resolve("home/datasets/fashion-mnist/" + IdxReader.TEST_LABELS + ".gz"));
        DatasetLocator locator = new DatasetLocator(offlineOptions().withDataDir(dataDir));

        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> locator.load("fashion-mnist"));
        String message = e.getMessage();
        assertTrue(message.contains("--offline"), message);
        for (String file : IdxReader.SPLIT_FILES) {
            assertTrue(message.contains(file + ".gz"), message);
        }
        for (Path folder : List.of(dataDir.resolve("fashion-mnist"), dataDir,
                temp.resolve("home/datasets/fashion-mnist"), temp.resolve("system/fashion-mnist"))) {
            assertTrue(message.contains(folder.toString()), message);
        }
        assertTrue(message.contains("lacks " + IdxReader.TEST_LABELS + ".gz"), message);
        assertTrue(message.contains(DatasetSources.FASHION_MNIST_URL), message);
        assertEquals(4, e.searched().size());

        DatasetNotFoundException cifar = assertThrows(DatasetNotFoundException.class, () -> locator.load("cifar-10"));
        assertTrue(cifar.getMessage().contains("data_batch_5.bin"), cifar.getMessage());
        assertTrue(cifar.getMessage().contains("cifar-10-binary.tar.gz"), cifar.getMessage());
    }

    @Test
    void aPathIsReadByItsFormat() throws Exception {
        DatasetLocator locator = new DatasetLocator(offlineOptions());
        writeMnist(temp.resolve("idx"), 3);
        assertEquals("idx", locator.load(temp.resolve("idx").toString()).format());
        TestFiles.writeCifarFolder(temp.resolve("cifar"));
        assertEquals("cifar-10-binary", locator.load(temp.resolve("cifar").toString()).format());
        TestImages.write(TestImages.grey(new int[][] {{1}}), "png", temp.resolve("images/a/1.png"));
        assertEquals("image-folder", locator.load(temp.resolve("images").toString()).format());

        Files.createDirectories(temp.resolve("empty"));
        DataFormatException nothing = assertThrows(DataFormatException.class,
                () -> locator.load(temp.resolve("empty").toString()));
        assertTrue(nothing.getMessage().contains("holds no data set"), nothing.getMessage());
        DatasetNotFoundException unknown = assertThrows(DatasetNotFoundException.class,
                () -> locator.load("imagenet"));
        assertTrue(unknown.getMessage().contains("neither a known data set (cifar-10, fashion-mnist, mnist,"
                + " cub200, cars196, sop, inshop, sample)"),
                unknown.getMessage());
    }

    @Test
    void aConversionOverrideAppliesToIdxSetsToo() throws Exception {
        writeMnist(temp.resolve("idx"), 3);
        DatasetLocator locator = new DatasetLocator(offlineOptions().withConversion(
                ConversionPolicy.auto().withChannels(3)));
        Dataset dataset = locator.load(temp.resolve("idx").toString());
        assertEquals(3, dataset.train().channels());
        assertEquals(2, dataset.train().height());
        assertEquals(dataset.train().pixel(1, 0, 1, 2), dataset.train().pixel(1, 2, 1, 2));
        assertTrue(dataset.conversion().contains("converted from 1x2x3"), dataset.conversion());
    }

    @Test
    void dataDirComesFromTheOptionElseTheEnvironment() {
        Map<String, String> env = Map.of(DatasetLocator.DATA_DIR_ENV, "/env/data");
        assertEquals(Path.of("/cli"), DatasetLocator.dataDirFrom("/cli", env));
        assertEquals(Path.of("/env/data"), DatasetLocator.dataDirFrom(null, env));
        assertEquals(null, DatasetLocator.dataDirFrom(" ", Map.of()));
    }

    static void assertNoPartFiles(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> parts = files.filter(p -> p.toString().endsWith(".part")).toList();
            assertTrue(parts.isEmpty(), "temporary files left: " + parts);
        }
        assertFalse(Files.exists(folder.resolve("never")));
    }
}
