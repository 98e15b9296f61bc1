package org.dmlworkbench.data.benchmark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Struct;

/**
 * Miniature copies of the benchmark layouts: a few real images each and the index files in
 * their published format, with the class each image file belongs to (to check labels by).
 */
public final class MiniBenchmarks {

    /** Every miniature image is this size, so no test depends on the size rule. */
    public static final int SIZE = 28;

    /** A written miniature: its folder and the class name of each image, by "folder/file". */
    public record Mini(Path root, Map<String, String> classOfFile) {}

    public static final List<String> CUB_TRAIN = List.of("001.Black_footed_Albatross",
            "002.Laysan_Albatross", "003.Sooty_Albatross");
    public static final List<String> CUB_TEST = List.of("101.White_Pelican", "102.Western_Wood_Pewee",
            "103.Sayornis");

    private MiniBenchmarks() {}

    /**
     * CUB-200-2011: classes 1-3 (training half) and 101-103 (test half), {@code perClass} JPEGs
     * each; classes.txt also names class 4, which has no images. train_test_split.txt is the
     * classification split (every other image) and must not be what the reader uses.
     */
    public static Mini writeCub(Path root, int perClass) throws IOException {
        Map<String, String> classOf = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        List<String> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> classificationSplit = new ArrayList<>();
        List<String> named = new ArrayList<>(CUB_TRAIN);
        named.add("004.Groove_billed_Ani");
        named.addAll(CUB_TEST);
        int imageId = 0;
        for (int c = 0; c < named.size(); c++) {
            String name = named.get(c);
            int classId = Integer.parseInt(name.substring(0, 3));
            classes.add(classId + " " + name);
            if (classId == 4) {
                continue;
            }
            for (int i = 0; i < perClass; i++) {
                imageId++;
                String file = name.substring(4) + "_" + String.format(Locale.ROOT, "%04d", i + 1) + "_"
                        + (796000 + imageId) + ".jpg";
                writeImage(root.resolve("images").resolve(name).resolve(file), c, i);
                images.add(imageId + " " + name + "/" + file);
                labels.add(imageId + " " + classId);
                classificationSplit.add(imageId + " " + (imageId % 2));
                classOf.put(name + "/" + file, name);
            }
        }
        write(root.resolve("classes.txt"), classes);
        write(root.resolve("images.txt"), images);
        write(root.resolve("image_class_labels.txt"), labels);
        write(root.resolve("train_test_split.txt"), classificationSplit);
        return new Mini(root, classOf);
    }

    /** The Cars196 classes the miniature uses: 1 and 2 train, 99 and 196 (the last) test. */
    public static final Map<Integer, String> CARS_CLASSES = Map.of(1, "AM General Hummer SUV 2000",
            2, "Acura RL Sedan 2012", 99, "Miniature Class 99 Coupe 2012", 196, "smart fortwo Convertible 2012");

    /**
     * Cars196: cars_annos.mat with 196 class names and {@code perClass} images of classes 1, 2,
     * 99 and 196, annotations interleaved across classes; the {@code test} flag is the
     * classification split (alternating) and must not decide the split.
     */
    public static Mini writeCars(Path root, int perClass) throws IOException {
        List<Integer> order = List.of(99, 1, 196, 2);
        int count = order.size() * perClass;
        Struct annotations = Mat5.newStruct(1, count);
        Map<String, String> classOf = new LinkedHashMap<>();
        for (int n = 0; n < count; n++) {
            int classId = order.get(n % order.size());
            String path = String.format(Locale.ROOT, "car_ims/%06d.jpg", n + 1);
            writeImage(root.resolve(path), order.indexOf(classId), n / order.size());
            annotations.set("relative_im_path", n, Mat5.newString(path));
            for (String box : List.of("bbox_x1", "bbox_y1", "bbox_x2", "bbox_y2")) {
                annotations.set(box, n, Mat5.newScalar(box.endsWith("1") ? 1 : SIZE));
            }
            annotations.set("class", n, uint8(classId));
            annotations.set("test", n, uint8(n % 2));
            classOf.put(path, CARS_CLASSES.get(classId));
        }
        Cell classNames = Mat5.newCell(1, 196);
        for (int c = 1; c <= 196; c++) {
            classNames.set(c - 1, Mat5.newString(CARS_CLASSES.getOrDefault(c, "Miniature Class " + c)));
        }
        Files.createDirectories(root);
        Mat5.writeToFile(Mat5.newMatFile().addArray("annotations", annotations)
                .addArray("class_names", classNames), root.resolve("cars_annos.mat").toFile());
        return new Mini(root, classOf);
    }

    /**
     * Stanford Online Products: training classes 1, 2 (bicycle) and 3 (cabinet); test classes
     * 11319 (bicycle) and 11320 (chair), as Ebay_train.txt and Ebay_test.txt.
     */
    public static Mini writeSop(Path root) throws IOException {
        Map<String, String> classOf = new LinkedHashMap<>();
        List<String> train = sopRows(root, List.of(new int[] {1, 1, 3}, new int[] {2, 1, 2}, new int[] {3, 2, 2}),
                classOf, 0);
        List<String> test = sopRows(root, List.of(new int[] {11319, 1, 2}, new int[] {11320, 3, 3}), classOf, 3);
        write(root.resolve("Ebay_train.txt"), train);
        write(root.resolve("Ebay_test.txt"), test);
        return new Mini(root, classOf);
    }

    /** Rows of one Ebay file from {class id, super-class id, images}. */
    private static List<String> sopRows(Path root, List<int[]> classes, Map<String, String> classOf,
            int firstColour) throws IOException {
        List<String> superClasses = List.of("", "bicycle_final", "cabinet_final", "chair_final");
        List<String> rows = new ArrayList<>(List.of(StanfordOnlineProductsLayout.HEADER));
        for (int c = 0; c < classes.size(); c++) {
            int[] spec = classes.get(c);
            String folder = superClasses.get(spec[1]);
            for (int i = 0; i < spec[2]; i++) {
                String file = (111085122800L + spec[0]) + "_" + i + ".JPG";
                writeImage(root.resolve(folder).resolve(file), firstColour + c, i);
                rows.add(rows.size() + " " + spec[0] + " " + spec[1] + " " + folder + "/" + file);
                classOf.put(folder + "/" + file, folder + "/" + spec[0]);
            }
        }
        return rows;
    }

    /**
     * In-Shop: training items id_00000001 and id_00000007 (2 images each); items id_00000002
     * and id_00000004 each with 1 query and 2 gallery images. With {@code asDownloaded} the
     * index is in Eval/ and the images in Img/img/, as the download's folders hold them.
     */
    public static Mini writeInShop(Path root, boolean asDownloaded) throws IOException {
        Map<String, String> classOf = new LinkedHashMap<>();
        Object[][] rows = {
            {"WOMEN/Blouses_Shirts/id_00000001", "02_1_front.jpg", "train"},
            {"WOMEN/Blouses_Shirts/id_00000001", "02_2_side.jpg", "train"},
            {"WOMEN/Dresses/id_00000002", "02_1_front.jpg", "query"},
            {"WOMEN/Dresses/id_00000002", "02_2_side.jpg", "gallery"},
            {"WOMEN/Dresses/id_00000002", "02_4_full.jpg", "gallery"},
            {"MEN/Tees_Tanks/id_00000004", "01_1_front.jpg", "gallery"},
            {"MEN/Tees_Tanks/id_00000004", "01_2_side.jpg", "query"},
            {"MEN/Tees_Tanks/id_00000004", "01_3_back.jpg", "gallery"},
            {"MEN/Denim/id_00000007", "03_1_front.jpg", "train"},
            {"MEN/Denim/id_00000007", "03_7_additional.jpg", "train"},
        };
        Path imageRoot = asDownloaded ? root.resolve("Img") : root;
        List<String> lines = new ArrayList<>(List.of(String.valueOf(rows.length), InShopLayout.HEADER));
        List<String> items = new ArrayList<>();
        for (Object[] row : rows) {
            String folder = (String) row[0];
            String item = folder.substring(folder.lastIndexOf('/') + 1);
            if (!items.contains(folder)) {
                items.add(folder);
            }
            String name = "img/" + folder + "/" + row[1];
            writeImage(imageRoot.resolve(name), items.indexOf(folder), lines.size());
            // the published file pads the name column with spaces
            lines.add(String.format(Locale.ROOT, "%-70s%s  %s", name, item, row[2]));
            classOf.put(item + "/" + row[1], folder);
        }
        write(root.resolve(asDownloaded ? "Eval/list_eval_partition.txt" : "list_eval_partition.txt"), lines);
        return new Mini(root, classOf);
    }

    /** A 28x28 image whose colour tells its class and whose stripe tells the image apart. */
    public static void writeImage(Path file, int classIndex, int imageIndex) throws IOException {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        int rgb = switch (classIndex % 6) {
            case 0 -> 0xD03020;
            case 1 -> 0x20A040;
            case 2 -> 0x2040D0;
            case 3 -> 0xE0C020;
            case 4 -> 0x20C0C0;
            default -> 0xA020C0;
        };
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean stripe = y / 4 == imageIndex % 7 || x < classIndex;
                image.setRGB(x, y, stripe ? 0xFFFFFF : rgb);
            }
        }
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!ImageIO.write(image, name.endsWith(".png") ? "png" : "jpg", file.toFile())) {
            throw new IOException("no image writer for " + file);
        }
    }

    private static Matrix uint8(int value) {
        Matrix matrix = Mat5.newMatrix(1, 1, MatlabType.UInt8);
        matrix.setLong(0, value);
        return matrix;
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
