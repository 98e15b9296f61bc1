package org.dmlworkbench.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.io.AtomicFiles;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes image sets as PNG class folders that {@link ImageFolderReader} reads back bit for bit:
 * folder/&lt;label&gt;-&lt;class&gt;/&lt;index in the set&gt;.png. The label prefix keeps the sorted
 * folder order equal to the label order; the file name keeps the image's index in its source.
 */
public final class ImageFolderExporter {

    public static final String INDEX_FILE = "index.txt";

    private ImageFolderExporter() {}

    /**
     * Writes the first {@code perClass} images of each class in set order (every image when
     * {@code perClass <= 0}) into class folders under {@code folder}.
     *
     * @return the relative paths written, sorted
     */
    public static List<String> export(ImageSet set, int perClass, Path folder) throws IOException {
        Files.createDirectories(folder);
        int digits = Math.max(5, Integer.toString(Math.max(0, set.size() - 1)).length());
        int[] written = new int[set.numClasses()];
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            int label = set.label(i);
            if (perClass > 0 && written[label] >= perClass) {
                continue;
            }
            String classFolder = classFolderName(label, set.classNames().get(label), set.numClasses());
            Path dir = folder.resolve(classFolder);
            Files.createDirectories(dir);
            String fileName = String.format(Locale.ROOT, "%0" + digits + "d.png", i);
            writePng(set, i, dir.resolve(fileName));
            written[label]++;
            paths.add(classFolder + "/" + fileName);
        }
        paths.sort(null);
        return paths;
    }

    /**
     * Writes folder/train and folder/test class folders and folder/index.txt (the bundled-set
     * layout). {@code folder} must be empty or absent, so no stale file can join the set.
     */
    public static List<String> export(Dataset dataset, int trainPerClass, int testPerClass, Path folder)
            throws IOException {
        org.dmlworkbench.io.OutputFolders.createNewOrEmpty(folder, "export folder");
        List<String> lines = new ArrayList<>();
        for (String split : List.of(ImageFolderReader.TRAIN, ImageFolderReader.TEST)) {
            ImageSet set = split.equals(ImageFolderReader.TRAIN) ? dataset.train() : dataset.test();
            int perClass = split.equals(ImageFolderReader.TRAIN) ? trainPerClass : testPerClass;
            for (String path : export(set, perClass, folder.resolve(split))) {
                lines.add(split + "/" + path);
            }
        }
        lines.sort(null);
        writeIndex(folder, lines);
        return lines;
    }

    /** Writes folder/index.txt listing {@code relativePaths}, one per line. */
    public static void writeIndex(Path folder, List<String> relativePaths) throws IOException {
        AtomicFiles.writeString(folder.resolve(INDEX_FILE),
                relativePaths.stream().map(line -> line + "\n").collect(java.util.stream.Collectors.joining()));
    }

    /**
     * "3-dress" for label 3 "Dress": the name lower-cased, every run of other characters than
     * a-z and 0-9 made one '-', prefixed by the label padded to the width of the largest label.
     */
    public static String classFolderName(int label, String className, int numClasses) {
        String slug = className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        int width = Integer.toString(Math.max(0, numClasses - 1)).length();
        String prefix = String.format(Locale.ROOT, "%0" + width + "d", label);
        return slug.isEmpty() ? prefix : prefix + "-" + slug;
    }

    private static void writePng(ImageSet set, int index, Path target) throws IOException {
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(ImageConversion.toImage(set, index), "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }
}
