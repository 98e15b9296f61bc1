package org.dmlworkbench.data.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.data.DatasetSplits;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.SplitSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark layout read from a miniature copy, by path and by name, with its standard split. */
class BenchmarkLayoutsTest {

    @TempDir
    Path temp;

    private DatasetLocator locator(Path dataDir) {
        return new DatasetLocator(DatasetLocator.Options.defaults()
                .withDataDir(dataDir)
                .withHomeDir(temp.resolve("home"))
                .withSystemDir(temp.resolve("system"))
                .withDownloader((url, target, progress, task) -> fail("must not download " + url)));
    }

    @Test
    void cubTrainsOnClassesOneToHundredAndTestsOnTheRest() throws Exception {
        MiniBenchmarks.Mini mini = MiniBenchmarks.writeCub(temp.resolve("cub"), 3);
        Dataset data = locator(null).load(mini.root().toString());

        assertEquals("cub200", data.format());
        assertEquals(9, data.train().size());
        assertEquals(9, data.test().size());
        assertNull(data.gallery());
        List<String> classes = new ArrayList<>(MiniBenchmarks.CUB_TRAIN);
        classes.addAll(MiniBenchmarks.CUB_TEST);
        assertEquals(classes, data.classNames(), "training classes first; class 4 has no images");
        assertEquals(3, data.trainClassCount());
        assertEquals(MiniBenchmarks.CUB_TRAIN, Dataset.classesOf(data.train()));
        assertEquals(MiniBenchmarks.CUB_TEST, Dataset.classesOf(data.test()),
                "class-disjoint, not train_test_split.txt's classification split");
        assertLabelsMatchFiles(mini, data.train(), data.test());
        assertTrue(data.conversion().contains("CUB-200-2011's standard split, classes 1-100 train,"
                + " 101-200 test: 3 training classes, 3 unseen test classes"), data.conversion());
        assertEquals(List.of(3, MiniBenchmarks.SIZE, MiniBenchmarks.SIZE),
                List.of(data.train().channels(), data.train().height(), data.train().width()));
    }

    @Test
    void cubIsFoundByNameInTheDataFolderAndInsideItsArchiveFolder() throws Exception {
        Path dataDir = temp.resolve("data");
        MiniBenchmarks.writeCub(dataDir.resolve("cub200"), 2);
        Dataset named = locator(dataDir).load("cub200");
        assertEquals(dataDir.resolve("cub200").toString(), named.location());
        assertEquals(6, named.train().size());
        assertEquals("cub200", named.name());
        assertEquals(6, locator(dataDir).load("CUB-200-2011").test().size(), "an alias");

        // the archive unpacks to CUB_200_2011/: found inside the data folder itself, and by path
        Path other = temp.resolve("other");
        MiniBenchmarks.writeCub(other.resolve("CUB_200_2011"), 2);
        assertEquals(other.resolve("CUB_200_2011").toString(), locator(other).load("cub").location());
        assertEquals(other.resolve("CUB_200_2011").toString(), locator(null).load(other.toString()).location());
    }

    @Test
    void carsSplitsByClassNumberNotByTheTestFlag() throws Exception {
        MiniBenchmarks.Mini mini = MiniBenchmarks.writeCars(temp.resolve("data/cars196"), 3);
        Dataset data = locator(temp.resolve("data")).load("cars196");

        assertEquals("cars196", data.format());
        assertEquals(6, data.train().size());
        assertEquals(6, data.test().size());
        assertEquals(List.of("AM General Hummer SUV 2000", "Acura RL Sedan 2012",
                "Miniature Class 99 Coupe 2012", "smart fortwo Convertible 2012"), data.classNames(),
                "classes 1 and 2 train, 99 and 196 test, each side in class order");
        assertEquals(2, data.trainClassCount());
        assertLabelsMatchFiles(mini, data.train(), data.test());
        assertEquals(mini.root().toString(), locator(null).load(mini.root().toString()).location(), "by path");
    }

    @Test
    void stanfordOnlineProductsUsesItsTrainAndTestFilesAndKeepsSuperClasses() throws Exception {
        MiniBenchmarks.Mini mini = MiniBenchmarks.writeSop(temp.resolve("data/sop"));
        Dataset data = locator(temp.resolve("data")).load("stanford-online-products");

        assertEquals("sop", data.format());
        assertEquals(7, data.train().size());
        assertEquals(5, data.test().size());
        assertEquals(List.of("bicycle_final/1", "bicycle_final/2", "cabinet_final/3", "bicycle_final/11319",
                "chair_final/11320"), data.classNames());
        assertEquals(3, data.trainClassCount());
        assertLabelsMatchFiles(mini, data.train(), data.test());
        assertEquals(7, locator(null).load(mini.root().toString()).train().size(), "by path");
    }

    @Test
    void inShopQueriesAGalleryOfTheSameUnseenItems() throws Exception {
        MiniBenchmarks.Mini mini = MiniBenchmarks.writeInShop(temp.resolve("data/inshop"), false);
        Dataset data = locator(temp.resolve("data")).load("inshop");

        assertEquals("inshop", data.format());
        assertEquals(4, data.train().size());
        assertEquals(2, data.test().size(), "the test set is the queries");
        assertEquals(4, data.gallery().size());
        assertEquals(List.of("WOMEN/Blouses_Shirts/id_00000001", "MEN/Denim/id_00000007",
                "WOMEN/Dresses/id_00000002", "MEN/Tees_Tanks/id_00000004"), data.classNames(),
                "items in id order, training items first");
        assertEquals(Dataset.classesOf(data.test()), Dataset.classesOf(data.gallery()));
        Set<String> seen = new HashSet<>(Dataset.classesOf(data.train()));
        assertTrue(Dataset.classesOf(data.gallery()).stream().noneMatch(seen::contains));
        assertLabelsMatchFiles(mini, data.train(), data.test(), data.gallery());
        assertTrue(data.conversion().contains("(2 query and 4 gallery images)"), data.conversion());
        // the standard split keeps its gallery; a class split pools everything into train and test
        assertEquals(4, DatasetSplits.apply(data, SplitSpec.auto()).gallery().size());
        Dataset pooled = DatasetSplits.apply(data, SplitSpec.classes(0.5));
        assertNull(pooled.gallery());
        assertEquals(10, pooled.train().size() + pooled.test().size());
    }

    @Test
    void inShopIsReadAsDownloadedWithItsEvalAndImgFolders() throws Exception {
        MiniBenchmarks.Mini mini = MiniBenchmarks.writeInShop(temp.resolve("In-shop"), true);
        Dataset data = locator(null).load(mini.root().toString());
        assertEquals(4, data.train().size());
        assertEquals(4, data.gallery().size());
        assertLabelsMatchFiles(mini, data.train(), data.test(), data.gallery());
    }

    @Test
    void aStreamedInShopKeepsItsGalleryAndGivesTheSamePixels() throws Exception {
        MiniBenchmarks.Mini mini = MiniBenchmarks.writeInShop(temp.resolve("inshop"), false);
        Dataset decoded = locator(null).load(mini.root().toString());
        Dataset streamed;
        try {
            System.setProperty("dmlwb.decodeCacheMb", "0");
            streamed = locator(null).load(mini.root().toString());
        } finally {
            System.clearProperty("dmlwb.decodeCacheMb");
        }
        assertTrue(streamed.conversion().contains("streamed from disk (10 images"), streamed.conversion());
        assertEquals(4, streamed.gallery().size());
        assertLabelsMatchFiles(mini, streamed.train(), streamed.test(), streamed.gallery());
        byte[] expected = new byte[decoded.gallery().imageBytes()];
        byte[] actual = new byte[expected.length];
        for (int i = 0; i < decoded.gallery().size(); i++) {
            decoded.gallery().copyImage(i, expected, 0);
            streamed.gallery().copyImage(i, actual, 0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, "gallery image " + i);
        }
    }

    @Test
    void theBenchmarksAreKnownNames() {
        List<String> names = locator(null).knownNames();
        assertTrue(names.containsAll(List.of("cub200", "cars196", "sop", "inshop")), names.toString());
    }

    /** Each image's label names the class its file belongs to. */
    private static void assertLabelsMatchFiles(MiniBenchmarks.Mini mini, ImageSet... sets) {
        int checked = 0;
        for (ImageSet set : sets) {
            for (int i = 0; i < set.size(); i++) {
                Path file = Path.of(set.source(i).orElseThrow());
                String key = file.getParent().getFileName() + "/" + file.getFileName();
                assertEquals(mini.classOfFile().get(key), set.classNames().get(set.label(i)), key);
                checked++;
            }
        }
        assertEquals(mini.classOfFile().size(), checked, "every image read once");
    }
}
