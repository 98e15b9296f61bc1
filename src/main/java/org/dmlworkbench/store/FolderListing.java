package org.dmlworkbench.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.dmlworkbench.data.Fingerprints;

/**
 * The images of a folder of any layout, in a fixed order: every file whose name ends in an image
 * extension, at any depth, sorted by relative path. Hidden files and folders (".name") and the
 * store folder itself are left out; other files are counted as ignored. An image inside a
 * sub-folder is labelled by the name of the folder it sits in (its class folder, as in
 * "train/7-sneaker/001.png" or "shoes/001.jpg"); one at the top level has no label (-1). Only
 * paths are held (about 100 bytes an image), never pixels.
 *
 * @param root the folder, absolute
 * @param paths relative paths with '/' separators, sorted
 * @param labels label of each path (index into classes), or -1
 * @param classes names of the folders holding images, sorted
 * @param sizes file sizes in bytes
 * @param ignored files that are not images by name
 * @param sha256 digest over the paths and sizes: changes when the folder's content list does
 */
public record FolderListing(Path root, List<String> paths, int[] labels, List<String> classes,
        long[] sizes, long ignored, String sha256) {

    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp",
            "tif", "tiff", "wbmp");

    public int size() {
        return paths.size();
    }

    /**
     * Lists {@code folder}.
     *
     * @param exclude a folder not to descend into (the store, when it lies inside), or null
     */
    public static FolderListing of(Path folder, Path exclude) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IOException(folder + " is not a folder");
        }
        Path skip = exclude == null ? null : exclude.toAbsolutePath().normalize();
        List<String> paths = new ArrayList<>();
        List<Long> sizeList = new ArrayList<>();
        long[] ignored = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (!dir.equals(root) && (hidden(dir) || dir.equals(skip))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (hidden(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (isImageName(file.getFileName().toString())) {
                    paths.add(root.relativize(file).toString().replace('\\', '/'));
                    sizeList.add(attributes.isRegularFile() ? attributes.size() : -1L);
                } else {
                    ignored[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // an unreadable folder entry: listed, so the build reports it (or skips it)
                if (isImageName(file.getFileName().toString())) {
                    paths.add(root.relativize(file).toString().replace('\\', '/'));
                    sizeList.add(-1L);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Integer[] order = new Integer[paths.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> paths.get(a).compareTo(paths.get(b)));
        List<String> sorted = new ArrayList<>(paths.size());
        long[] sizes = new long[paths.size()];
        for (int i = 0; i < order.length; i++) {
            sorted.add(paths.get(order[i]));
            sizes[i] = sizeList.get(order[i]);
        }
        TreeSet<String> classSet = new TreeSet<>();
        for (String path : sorted) {
            String folderName = folderName(path);
            if (folderName != null) {
                classSet.add(folderName);
            }
        }
        List<String> classes = List.copyOf(classSet);
        int[] labels = new int[sorted.size()];
        MessageDigest digest = Fingerprints.newDigest();
        for (int i = 0; i < sorted.size(); i++) {
            String path = sorted.get(i);
            String folderName = folderName(path);
            labels[i] = folderName == null ? -1 : java.util.Collections.binarySearch(classes, folderName);
            digest.update((path + "\u0000" + sizes[i] + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new FolderListing(root, List.copyOf(sorted), labels, classes, sizes, ignored[0],
                HexFormat.of().formatHex(digest.digest()));
    }

    /** The name of the folder a relative path sits in, or null at the top level. */
    static String folderName(String path) {
        int last = path.lastIndexOf('/');
        if (last <= 0) {
            return null;
        }
        return path.substring(path.lastIndexOf('/', last - 1) + 1, last);
    }

    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
