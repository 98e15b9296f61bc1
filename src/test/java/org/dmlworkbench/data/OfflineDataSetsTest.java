package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real data sets installed on this machine; each test skips, saying so, when its data is absent. */
class OfflineDataSetsTest {

    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    static final Path MNIST_10K = Path.of("/work/shared/data/mnist-10k");

    @TempDir
    Path home;

    private static Dataset debianFashionMnist(Path home) {
        assumeTrue(IdxReader.isIdxFolder(DEBIAN_FASHION_MNIST), "Debian's Fashion-MNIST is absent from "
                + DEBIAN_FASHION_MNIST + " (apt-get install dataset-fashion-mnist); skipping");
        return new DatasetLocator(DatasetLocator.Options.defaults().withHomeDir(home).withOffline(true))
                .load("fashion-mnist");
    }

    @Test
    void debianFashionMnistIsFoundByNameAndComplete() {
        Dataset dataset = debianFashionMnist(home);
        assertEquals(DEBIAN_FASHION_MNIST.resolve("").toString(), dataset.location());
        assertEquals(DatasetSources.FASHION_MNIST_CLASSES, dataset.classNames());
        assertEquals(60000, dataset.train().size());
        assertEquals(10000, dataset.test().size());
        int[] train = dataset.train().classCounts();
        int[] test = dataset.test().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, train[c]);
            assertEquals(1000, test[c]);
        }
    }

    @Test
    void theSampleIsTheFirstImagesOfEachClassPixelForPixel() {
        Dataset full = debianFashionMnist(home);
        Dataset sample = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true)).load("sample");
        for (boolean isTrain : new boolean[] {true, false}) {
            ImageSet source = isTrain ? full.train() : full.test();
            ImageSet subset = isTrain ? sample.train() : sample.test();
            int perClass = isTrain ? 200 : 50;
            // The expected indices, independently: the first perClass of each label in file order.
            List<Integer> expected = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                int taken = 0;
                for (int i = 0; i < source.size() && taken < perClass; i++) {
                    if (source.label(i) == c) {
                        expected.add(i);
                        taken++;
                    }
                }
            }
            byte[] a = new byte[784];
            byte[] b = new byte[784];
            for (int k = 0; k < subset.size(); k++) {
                String name = Path.of(subset.source(k).orElseThrow()).getFileName().toString();
                int index = Integer.parseInt(name.substring(0, name.length() - ".png".length()));
                assertEquals(expected.get(k).intValue(), index);
                assertEquals(source.label(index), subset.label(k));
                source.copyImage(index, a, 0);
                subset.copyImage(k, b, 0);
                assertArrayEquals(a, b, "pixels of " + subset.source(k).orElseThrow());
            }
        }
    }

    @Test
    void theSharedMnistSubsetReadsAsAPath() {
        assumeTrue(IdxReader.isIdxFolder(MNIST_10K), "the MNIST subset is absent from " + MNIST_10K + "; skipping");
        Dataset dataset = new DatasetLocator(DatasetLocator.Options.defaults().withHomeDir(home).withOffline(true))
                .load(MNIST_10K.toString());
        assertEquals(7996, dataset.train().size());
        assertEquals(2004, dataset.test().size());
        assertEquals(10, dataset.classNames().size());
    }
}
