package org.dmlworkbench.data.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.data.DatasetNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark folder with a missing or malformed index, or an index naming missing images. */
class BenchmarkBadInputTest {

    @TempDir
    Path temp;

    private DatasetLocator locator(Path dataDir, boolean skipBad) {
        return new DatasetLocator(DatasetLocator.Options.defaults()
                .withDataDir(dataDir)
                .withHomeDir(temp.resolve("home"))
                .withSystemDir(temp.resolve("system"))
                .withSkipBad(skipBad)
                .withDownloader((url, target, progress, task) -> fail("must not download " + url)));
    }

    private String failure(Path folder) {
        return assertThrows(DataFormatException.class, () -> locator(null, false).load(folder.toString()))
                .getMessage();
    }

    @Test
    void aMissingIndexFileIsNamedWithWhatTheFolderNeeds() throws Exception {
        Path cub = MiniBenchmarks.writeCub(temp.resolve("cub"), 2).root();
        Files.delete(cub.resolve("image_class_labels.txt"));
        assertEquals(cub.resolve("image_class_labels.txt") + ": is missing; a CUB-200-2011 folder holds"
                + " images.txt, image_class_labels.txt, classes.txt, images/ (see docs/DATA.md)", failure(cub));

        Path sop = MiniBenchmarks.writeSop(temp.resolve("sop")).root();
        Files.delete(sop.resolve("Ebay_test.txt"));
        assertTrue(failure(sop).startsWith(sop.resolve("Ebay_test.txt") + ": is missing; a Stanford Online"
                + " Products folder holds Ebay_train.txt, Ebay_test.txt"));

        Path cars = MiniBenchmarks.writeCars(temp.resolve("cars"), 1).root();
        deleteTree(cars.resolve("car_ims"));
        assertTrue(failure(cars).startsWith(cars.resolve("car_ims") + ": is missing; a Cars196 folder holds"
                + " cars_annos.mat, car_ims/"));

        Path inShop = MiniBenchmarks.writeInShop(temp.resolve("inshop"), false).root();
        deleteTree(inShop.resolve("img"));
        assertTrue(failure(inShop).startsWith(inShop.resolve("img") + ": is missing; an In-Shop Clothes"
                + " Retrieval folder holds list_eval_partition.txt, img/"));
    }

    @Test
    void aMissingImageIsNamedWithTheIndexLineThatNamesIt() throws Exception {
        MiniBenchmarks.Mini mini = MiniBenchmarks.writeCub(temp.resolve("cub"), 2);
        Path gone = mini.root().resolve("images/002.Laysan_Albatross/Laysan_Albatross_0001_796003.jpg");
        Files.delete(gone);
        assertEquals(gone + ": does not exist, but images.txt line 3 names it; restore the image or give"
                + " --skip-bad to leave it out", failure(mini.root()));

        Path cars = MiniBenchmarks.writeCars(temp.resolve("cars"), 2).root();
        Files.delete(cars.resolve("car_ims/000003.jpg"));
        assertTrue(failure(cars).startsWith(cars.resolve("car_ims/000003.jpg") + ": does not exist, but"
                + " cars_annos.mat annotation 3 names it"));
    }

    @Test
    void skipBadLeavesOutMissingAndUnreadableImagesAndListsThem() throws Exception {
        MiniBenchmarks.Mini mini = MiniBenchmarks.writeCub(temp.resolve("cub"), 2);
        Path gone = mini.root().resolve("images/002.Laysan_Albatross/Laysan_Albatross_0001_796003.jpg");
        Files.delete(gone);
        Path broken = mini.root().resolve("images/101.White_Pelican/White_Pelican_0002_796008.jpg");
        Files.writeString(broken, "not an image");

        Dataset data = locator(null, true).load(mini.root().toString());
        assertEquals(5, data.train().size());
        assertEquals(5, data.test().size());
        List<String> skipped = data.skippedBadFiles();
        assertEquals(2, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith(gone + ": does not exist, but images.txt line 3 names it"),
                skipped.toString());
        assertTrue(skipped.get(1).startsWith(broken.toString()), skipped.toString());
    }

    @Test
    void malformedIndexesAreRefusedNamingFileAndLine() throws Exception {
        Path cub = MiniBenchmarks.writeCub(temp.resolve("cub"), 2).root();
        Files.writeString(cub.resolve("images.txt"), "1 001.Black_footed_Albatross/a.jpg\nsecond-line-only\n");
        assertEquals(cub.resolve("images.txt") + ": line 2 ('second-line-only') is not '<image_id> <path"
                + " under images/>'", failure(cub));

        Path cub2 = MiniBenchmarks.writeCub(temp.resolve("cub2"), 2).root();
        Files.writeString(cub2.resolve("image_class_labels.txt"), "1 1\n2 250\n");
        assertEquals(cub2.resolve("image_class_labels.txt") + ": line 2 gives class 250, which classes.txt"
                + " does not name", failure(cub2));

        Path inShop = MiniBenchmarks.writeInShop(temp.resolve("inshop"), false).root();
        Path index = inShop.resolve("list_eval_partition.txt");
        List<String> lines = Files.readAllLines(index);
        Files.write(index, lines.subList(0, lines.size() - 1));
        assertEquals(index + ": line 1 gives the image count '10' but the file lists 9 images; the file may"
                + " be cut short, download it again", failure(inShop));
        Files.write(index, lines.stream().map(line -> line.replace(" query", " probe")).toList());
        assertTrue(failure(inShop).startsWith(index + ": line 5 ("), failure(inShop));

        Path sop = MiniBenchmarks.writeSop(temp.resolve("sop")).root();
        List<String> train = Files.readAllLines(sop.resolve("Ebay_train.txt"));
        Files.write(sop.resolve("Ebay_train.txt"), train.subList(1, train.size()));
        assertEquals(sop.resolve("Ebay_train.txt") + ": does not start with the header line 'image_id"
                + " class_id super_class_id path'", failure(sop));

        Path cars = MiniBenchmarks.writeCars(temp.resolve("cars"), 1).root();
        Files.writeString(cars.resolve("cars_annos.mat"), "MATLAB? no: " + "x".repeat(200));
        assertTrue(failure(cars).startsWith(cars.resolve("cars_annos.mat") + ": cannot be read as a MATLAB v5"
                + " file ("), failure(cars));
    }

    @Test
    void anIndexWithoutOneSideOfTheStandardSplitIsRefused() throws Exception {
        Path cub = MiniBenchmarks.writeCub(temp.resolve("cub"), 2).root();
        List<String> images = Files.readAllLines(cub.resolve("images.txt"));
        Files.write(cub.resolve("images.txt"), images.subList(0, 6));
        assertEquals(cub.resolve("images.txt") + ": names no test images; CUB-200-2011's standard split is"
                + " classes 1-100 train, 101-200 test", failure(cub));

        Path inShop = MiniBenchmarks.writeInShop(temp.resolve("inshop"), false).root();
        Path index = inShop.resolve("list_eval_partition.txt");
        List<String> noQueries = Files.readAllLines(index).stream().filter(line -> !line.endsWith("query"))
                .map(line -> line.equals("10") ? "8" : line).toList();
        Files.write(index, noQueries);
        assertTrue(failure(inShop).startsWith(index + ": names no query images;"), failure(inShop));
    }

    @Test
    void anAbsentBenchmarkSaysWhereToPutItAndWhereItIsPublished() {
        Path dataDir = temp.resolve("data");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> locator(dataDir, false).load("cub200"));
        String message = e.getMessage();
        assertTrue(message.startsWith("Data set 'cub200' (CUB-200-2011) is not on this computer, and the"
                + " workbench never downloads it"), message);
        assertTrue(message.contains("Put images.txt, image_class_labels.txt, classes.txt, images/ (from"
                + " CUB_200_2011.tgz; its CUB_200_2011/ folder may also go there whole) into one of these"
                + " folders"), message);
        assertTrue(message.contains(dataDir.resolve("cub200") + "  (--data-dir / DMLWB_DATA)  [absent]"), message);
        assertTrue(message.contains(temp.resolve("system/cub200") + "  [absent]"), message);
        assertTrue(message.contains("https://www.vision.caltech.edu/datasets/cub_200_2011/"), message);
        assertEquals(List.of(dataDir.resolve("cub200"), dataDir, temp.resolve("home/datasets/cub200"),
                temp.resolve("system/cub200")), e.searched());
    }

    @Test
    void aNamedFolderWithOnlySomeIndexFilesNamesTheMissingOne() throws Exception {
        Path dataDir = temp.resolve("data");
        Path cub = MiniBenchmarks.writeCub(dataDir.resolve("cub200"), 2).root();
        Files.delete(cub.resolve("classes.txt"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> locator(dataDir, false).load("cub200"));
        assertTrue(e.getMessage().startsWith(cub.resolve("classes.txt") + ": is missing"), e.getMessage());
    }

    private static void deleteTree(Path folder) throws Exception {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
