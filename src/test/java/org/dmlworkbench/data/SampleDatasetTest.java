package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled set, read from the classpath (as from the jar) and from the checkout. */
class SampleDatasetTest {

    static final List<String> CLASS_FOLDERS = List.of("0-t-shirt-top", "1-trouser", "2-pullover", "3-dress",
            "4-coat", "5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot");

    private static Dataset fromClasspath;

    @BeforeAll
    static void load() {
        fromClasspath = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true)).load("sample");
    }

    @Test
    void indexListsExactlyTheFilesInTheFolder() throws Exception {
        Path folder = SampleDataset.CHECKOUT_FOLDER;
        List<String> index = Files.readAllLines(folder.resolve(ImageFolderExporter.INDEX_FILE));
        assertEquals(ImageFolderReader.indexLines(folder), index);
        assertEquals(2500, index.size());
    }

    @Test
    void loadsFromTheClasspathWithTenClasses() {
        assertEquals("classpath:" + SampleDataset.RESOURCE_ROOT, fromClasspath.location());
        assertEquals(CLASS_FOLDERS, fromClasspath.classNames());
        assertEquals(2000, fromClasspath.train().size());
        assertEquals(500, fromClasspath.test().size());
        int[] train = fromClasspath.train().classCounts();
        int[] test = fromClasspath.test().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(200, train[c]);
            assertEquals(50, test[c]);
        }
        assertEquals(1, fromClasspath.train().channels());
        assertEquals(28, fromClasspath.train().height());
        assertEquals(28, fromClasspath.train().width());
        assertTrue(fromClasspath.skippedBadFiles().isEmpty());
        assertEquals("classpath:sample-data/fashion-mnist/train/9-ankle-boot/00000.png",
                fromClasspath.train().source(1800).orElseThrow());
    }

    @Test
    void theCheckoutFolderHoldsTheSameImages() {
        Dataset fromFolder = SampleDataset.fromFolder(SampleDataset.CHECKOUT_FOLDER, ConversionPolicy.auto(), false,
                ProgressListener.NONE).orElseThrow();
        assertEquals(fromClasspath.fingerprint(), fromFolder.fingerprint());
        assertArrayEquals(fromClasspath.train().labels(), fromFolder.train().labels());
    }

    @Test
    void itsLicenceTravelsWithIt() throws Exception {
        try (InputStream in = SampleDataset.class.getClassLoader().getResourceAsStream("sample-data/LICENSE")) {
            assertNotNull(in, "sample-data/LICENSE is on the classpath");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("Copyright © 2017 Zalando SE"), text);
        }
    }
}
