package org.dmlworkbench.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official sources of the named data sets and their published SHA-256 sums. Sums as listed
 * by TensorFlow Datasets' url_checksums (mnist.txt, fashion_mnist.txt, cifar10.txt), each also
 * matching independent projects that download the same files; sizes likewise.
 */
public final class DatasetSources {

    public static final String MNIST_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    public static final String MNIST_ORIGINAL = "http://yann.lecun.com/exdb/mnist/";
    public static final String FASHION_MNIST_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    public static final String CIFAR_10_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";

    public static final List<String> MNIST_CLASSES = IdxReader.numberedClasses(10);
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<String> CIFAR_10_CLASSES = List.of("airplane", "automobile", "bird", "cat",
            "deer", "dog", "frog", "horse", "ship", "truck");

    public static final DatasetSource MNIST = idx("mnist", MNIST_CLASSES,
            "http://yann.lecun.com/exdb/mnist/", List.of(MNIST_MIRROR, MNIST_ORIGINAL), new String[][] {
                {"train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", "9912422"},
                {"train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", "28881"},
                {"t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", "1648877"},
                {"t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", "4542"}});

    public static final DatasetSource FASHION_MNIST = idx("fashion-mnist", FASHION_MNIST_CLASSES,
            "https://github.com/zalandoresearch/fashion-mnist", List.of(FASHION_MNIST_URL), new String[][] {
                {"train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", "26421880"},
                {"train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", "29515"},
                {"t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", "4422102"},
                {"t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", "5148"}});

    public static final DatasetSource CIFAR_10 = new DatasetSource("cifar-10", "cifar-10-binary",
            CifarBinaryReader.REQUIRED_FILES,
            List.of(new DatasetSource.RemoteFile("cifar-10-binary.tar.gz", List.of(URI.create(CIFAR_10_URL)),
                    "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd", 170052171L, true)),
            CIFAR_10_CLASSES, "https://www.cs.toronto.edu/~kriz/cifar.html");

    private DatasetSources() {}

    /** The downloadable named sets by name, in the order users see them. */
    public static Map<String, DatasetSource> official() {
        Map<String, DatasetSource> sources = new LinkedHashMap<>();
        for (DatasetSource source : List.of(MNIST, FASHION_MNIST, CIFAR_10)) {
            sources.put(source.name(), source);
        }
        return sources;
    }

    /** An IDX set published as four .gz files under each of {@code baseUrls}. */
    public static DatasetSource idx(String name, List<String> classNames, String homepage,
            List<String> baseUrls, String[][] files) {
        List<DatasetSource.RemoteFile> downloads = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (String[] file : files) {
            List<URI> urls = baseUrls.stream().map(base -> URI.create(base + file[0])).toList();
            downloads.add(new DatasetSource.RemoteFile(file[0], urls, file[1], Long.parseLong(file[2]), false));
            required.add(file[0]);
        }
        return new DatasetSource(name, "idx", required, downloads, classNames, homepage);
    }
}
