package org.dmlworkbench.data.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.benchmark.IndexedImage.Part;

/**
 * DeepFashion In-Shop Clothes Retrieval: {@code list_eval_partition.txt} (line 1 the image count,
 * line 2 the header "image_name item_id evaluation_status", then one row per image:
 * "img/WOMEN/Dresses/id_00000002/02_1_front.jpg id_00000002 query") and the {@code img/} folder
 * those paths start with. The split is the file's: train items train; query images search the
 * gallery images, whose items are the same as the queries' and unseen in training. The index may
 * also be in {@code Eval/} and the images in {@code Img/img/}, as the download's folders hold them.
 */
public final class InShopLayout extends BenchmarkLayout {

    static final String INDEX = "list_eval_partition.txt";
    static final String IMAGES = "img/";
    static final String HEADER = "image_name item_id evaluation_status";
    private static final String ROW = "<image_name> <item_id> train|query|gallery";

    @Override
    public String name() {
        return "inshop";
    }

    @Override
    public List<String> aliases() {
        return List.of("in-shop", "inshop-clothes", "deepfashion-inshop");
    }

    @Override
    public String title() {
        return "In-Shop Clothes Retrieval";
    }

    @Override
    public List<String> files() {
        return List.of(INDEX, IMAGES);
    }

    @Override
    public String packaging() {
        return "Eval/list_eval_partition.txt and Img/img.zip";
    }

    @Override
    public String source() {
        return "https://mmlab.ie.cuhk.edu.hk/projects/DeepFashion/InShopRetrieval.html";
    }

    @Override
    public String standardSplit() {
        return "train items train, query images search the gallery images of unseen items";
    }

    @Override
    public boolean hasGallery() {
        return true;
    }

    @Override
    List<String> markers() {
        return List.of(INDEX);
    }

    @Override
    Optional<Path> locate(Path root, String file) {
        // the download keeps the index in Eval/ and unpacks img.zip in Img/
        String nested = file.equals(INDEX) ? "Eval/" + INDEX : file.equals(IMAGES) ? "Img/" + IMAGES : null;
        for (String candidate : nested == null ? List.of(file) : List.of(file, nested)) {
            if (Files.exists(root.resolve(candidate))) {
                return Optional.of(root.resolve(candidate));
            }
        }
        return Optional.empty();
    }

    @Override
    List<IndexedImage> index(Path root) {
        Path index = primaryIndex(root);
        Path imageRoot = locate(root, IMAGES).orElseThrow().getParent();
        List<String> lines = IndexFile.lines(index, contents());
        if (lines.size() < 2 || !lines.get(1).strip().replaceAll("\\s+", " ").equals(HEADER)) {
            throw new DataFormatException(index, "does not start with an image count and the header line '"
                    + HEADER + "'");
        }
        List<IndexedImage> listed = new ArrayList<>();
        int rows = 0;
        for (int i = 2; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            IndexFile.Row row = new IndexFile.Row(index, i + 1, text, text.split("\\s+"));
            if (row.fields().length != 3) {
                throw row.malformed(ROW);
            }
            String itemId = row.fields()[1];
            listed.add(new IndexedImage(imageRoot.resolve(row.fields()[0]), row.where(), itemNumber(row),
                    className(row.fields()[0], itemId), part(row)));
            rows++;
        }
        String count = lines.get(0).strip();
        if (!count.equals(String.valueOf(rows))) {
            throw new DataFormatException(index, "line 1 gives the image count '" + count + "' but the file"
                    + " lists " + rows + " images; the file may be cut short, download it again");
        }
        return listed;
    }

    /** The item's number, "id_00000002" -> 2: classes are listed in item order. */
    private static long itemNumber(IndexFile.Row row) {
        String digits = row.fields()[1].replaceFirst("^id_", "");
        if (!digits.matches("[0-9]{1,18}")) {
            throw row.malformed(ROW + " with item ids like id_00000002");
        }
        return Long.parseLong(digits);
    }

    /** "WOMEN/Dresses/id_00000002" when the image lies in its item's folder, else the item id. */
    private static String className(String imageName, String itemId) {
        String[] parts = imageName.split("/");
        if (parts.length >= 4 && parts[0].equals("img") && parts[parts.length - 2].equals(itemId)) {
            return String.join("/", java.util.Arrays.asList(parts).subList(1, parts.length - 1));
        }
        return itemId;
    }

    private static Part part(IndexFile.Row row) {
        switch (row.fields()[2]) {
            case "train":
                return Part.TRAIN;
            case "query":
                return Part.TEST;
            case "gallery":
                return Part.GALLERY;
            default:
                throw row.malformed(ROW);
        }
    }
}
