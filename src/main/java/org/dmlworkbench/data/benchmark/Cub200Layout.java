package org.dmlworkbench.data.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.benchmark.IndexedImage.Part;

/**
 * Caltech-UCSD Birds-200-2011 as CUB_200_2011.tgz unpacks: {@code images.txt} ("&lt;image_id&gt;
 * &lt;path under images/&gt;"), {@code image_class_labels.txt} ("&lt;image_id&gt; &lt;class_id&gt;"),
 * {@code classes.txt} ("&lt;class_id&gt; &lt;name&gt;") and {@code images/}. The metric-learning
 * split is by class: 1-100 train, 101-200 test. The set's own {@code train_test_split.txt} is the
 * classification split (the same classes on both sides) and is not read.
 */
public final class Cub200Layout extends BenchmarkLayout {

    /** The last training class of the standard split. */
    static final int LAST_TRAINING_CLASS = 100;

    @Override
    public String name() {
        return "cub200";
    }

    @Override
    public List<String> aliases() {
        return List.of("cub-200-2011", "cub");
    }

    @Override
    public String title() {
        return "CUB-200-2011";
    }

    @Override
    public List<String> files() {
        return List.of("images.txt", "image_class_labels.txt", "classes.txt", "images/");
    }

    @Override
    public String packaging() {
        return "CUB_200_2011.tgz";
    }

    @Override
    public String source() {
        return "https://www.vision.caltech.edu/datasets/cub_200_2011/";
    }

    @Override
    public String standardSplit() {
        return "classes 1-" + LAST_TRAINING_CLASS + " train, " + (LAST_TRAINING_CLASS + 1) + "-200 test";
    }

    @Override
    List<String> markers() {
        return List.of("images.txt", "image_class_labels.txt");
    }

    @Override
    String archiveFolder() {
        return "CUB_200_2011";
    }

    @Override
    List<IndexedImage> index(Path root) {
        Map<Long, String> classNames = new HashMap<>();
        for (IndexFile.Row row : IndexFile.read(root.resolve("classes.txt"), 2, contents(),
                "<class_id> <class_name>")) {
            classNames.put(row.number(0, "<class_id> <class_name>"), row.fields()[1]);
        }
        Map<Long, Long> classOfImage = new HashMap<>();
        for (IndexFile.Row row : IndexFile.read(root.resolve("image_class_labels.txt"), 2, contents(),
                "<image_id> <class_id>")) {
            long classId = row.number(1, "<image_id> <class_id>");
            if (!classNames.containsKey(classId)) {
                throw new DataFormatException(row.file(), "line " + row.number() + " gives class "
                        + classId + ", which classes.txt does not name");
            }
            classOfImage.put(row.number(0, "<image_id> <class_id>"), classId);
        }
        Path images = root.resolve("images");
        List<IndexedImage> listed = new ArrayList<>();
        for (IndexFile.Row row : IndexFile.read(root.resolve("images.txt"), 2, contents(),
                "<image_id> <path under images/>")) {
            long imageId = row.number(0, "<image_id> <path under images/>");
            Long classId = classOfImage.get(imageId);
            if (classId == null) {
                throw new DataFormatException(row.file(), "line " + row.number() + " names image "
                        + imageId + ", which image_class_labels.txt gives no class");
            }
            listed.add(new IndexedImage(images.resolve(row.fields()[1]), row.where(), classId,
                    classNames.get(classId), classId <= LAST_TRAINING_CLASS ? Part.TRAIN : Part.TEST));
        }
        return listed;
    }
}
