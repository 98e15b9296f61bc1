package org.dmlworkbench.data.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.benchmark.IndexedImage.Part;

/**
 * Stanford Online Products as Stanford_Online_Products.zip unpacks: {@code Ebay_train.txt} and
 * {@code Ebay_test.txt}, each a header line "image_id class_id super_class_id path" and one row
 * per image, the path relative to the folder ("bicycle_final/111085122871_0.JPG"). The split is
 * the files': 11,318 product classes train, 11,316 others test. A class is named by its
 * super-class folder and id ("bicycle_final/1"), so the super-class stays visible.
 */
public final class StanfordOnlineProductsLayout extends BenchmarkLayout {

    static final String TRAIN_FILE = "Ebay_train.txt";
    static final String TEST_FILE = "Ebay_test.txt";
    static final String HEADER = "image_id class_id super_class_id path";

    @Override
    public String name() {
        return "sop";
    }

    @Override
    public List<String> aliases() {
        return List.of("stanford-online-products", "online-products");
    }

    @Override
    public String title() {
        return "Stanford Online Products";
    }

    @Override
    public List<String> files() {
        return List.of(TRAIN_FILE, TEST_FILE);
    }

    @Override
    public String packaging() {
        return "Stanford_Online_Products.zip, with the 12 <category>_final/ image folders beside them";
    }

    @Override
    public String source() {
        return "https://cvgl.stanford.edu/projects/lifted_struct/";
    }

    @Override
    public String standardSplit() {
        return "the classes of " + TRAIN_FILE + " train, those of " + TEST_FILE + " test";
    }

    @Override
    List<String> markers() {
        return List.of(TRAIN_FILE, TEST_FILE);
    }

    @Override
    String archiveFolder() {
        return "Stanford_Online_Products";
    }

    @Override
    List<IndexedImage> index(Path root) {
        List<IndexedImage> listed = new ArrayList<>();
        read(root, TRAIN_FILE, Part.TRAIN, listed);
        read(root, TEST_FILE, Part.TEST, listed);
        return listed;
    }

    private void read(Path root, String file, Part part, List<IndexedImage> listed) {
        List<IndexFile.Row> rows = IndexFile.read(root.resolve(file), 4, contents(), HEADER);
        if (rows.isEmpty() || !String.join(" ", rows.get(0).fields()).equals(HEADER)) {
            throw new DataFormatException(root.resolve(file), "does not start with the header line '"
                    + HEADER + "'");
        }
        for (IndexFile.Row row : rows.subList(1, rows.size())) {
            long classId = row.number(1, HEADER);
            row.number(2, HEADER);
            String path = row.fields()[3];
            int slash = path.indexOf('/');
            String superClass = slash > 0 ? path.substring(0, slash) : "";
            listed.add(new IndexedImage(root.resolve(path), row.where(), classId,
                    superClass.isEmpty() ? String.valueOf(classId) : superClass + "/" + classId, part));
        }
    }
}
