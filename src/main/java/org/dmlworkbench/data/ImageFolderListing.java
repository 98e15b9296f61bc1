package org.dmlworkbench.data;

import static org.dmlworkbench.data.ImageFolderReader.TEST;
import static org.dmlworkbench.data.ImageFolderReader.TEST_EVERY;
import static org.dmlworkbench.data.ImageFolderReader.TRAIN;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dmlworkbench.data.ImageFolderReader.Entry;
import org.dmlworkbench.data.ImageFolderReader.Listing;
import org.dmlworkbench.data.ImageFolderReader.Opener;

/**
 * Finds what {@link ImageFolderReader} reads, without reading it: the class folders of an image
 * folder (directly under the root, or under train/ and test/) or the lines of a bundled data set's
 * index, turned into a {@link Listing} with the split rule applied. Decoding, the size and colour
 * policy and --skip-bad stay in the reader.
 */
final class ImageFolderListing {

    private static final Set<String> OS_METADATA = Set.of("thumbs.db", "desktop.ini");
    /** Sorting by the name as a Java string, the same order the classpath index uses. */
    private static final Comparator<Path> BY_NAME = Comparator.comparing(p -> p.getFileName().toString());

    private ImageFolderListing() {}

    /** See {@link ImageFolderReader#isImageFolder(Path)}. */
    static boolean isImageFolder(Path root) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.anyMatch(p -> Files.isDirectory(p) && !ignored(p.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    /** See {@link ImageFolderReader#indexLines(Path)}. */
    static List<String> indexLines(Path root) {
        List<String> lines = new ArrayList<>();
        for (Path classFolder : classFolders(root)) {
            for (Path file : imageFiles(classFolder)) {
                lines.add(root.relativize(file).toString().replace('\\', '/'));
            }
        }
        lines.sort(null);
        return lines;
    }

    static Listing list(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DataFormatException(root, "is not a folder; an image data set is a folder with one "
                    + "sub-folder of images per class");
        }
        List<Path> folders = subFolders(root);
        List<String> names = folders.stream().map(p -> p.getFileName().toString()).toList();
        boolean split = names.contains(TRAIN) || names.contains(TEST);
        if (!split) {
            return listUnsplit(root, folders);
        }
        if (!names.contains(TRAIN) || !names.contains(TEST) || names.size() != 2) {
            throw new DataFormatException(root, "holds the folders " + names + "; a split image data set "
                    + "holds exactly train/ and test/, each with one folder per class (or give no "
                    + "train/test folders and the split is made for you)");
        }
        List<Path> trainClasses = subFolders(root.resolve(TRAIN));
        List<Path> testClasses = subFolders(root.resolve(TEST));
        if (trainClasses.isEmpty()) {
            throw new DataFormatException(root.resolve(TRAIN), "holds no class folders");
        }
        List<String> classNames = trainFirst(names(trainClasses), names(testClasses));
        List<Entry> train = new ArrayList<>();
        for (Path folder : trainClasses) {
            int label = classNames.indexOf(folder.getFileName().toString());
            for (Path file : imageFiles(folder)) {
                train.add(fileEntry(file, label));
            }
        }
        List<Entry> test = new ArrayList<>();
        for (Path folder : testClasses) {
            int label = classNames.indexOf(folder.getFileName().toString());
            for (Path file : imageFiles(folder)) {
                test.add(fileEntry(file, label));
            }
        }
        return new Listing(classNames, train, test, root.toString(), splitFolders(trainClasses.size(),
                classNames.size() - trainClasses.size()));
    }

    private static List<String> names(List<Path> folders) {
        return folders.stream().map(p -> p.getFileName().toString()).toList();
    }

    /**
     * The class list of a train/test pair: the training classes in name order, then the classes
     * only the test side has (unseen classes), so labels of training classes come first.
     */
    static List<String> trainFirst(java.util.Collection<String> train, java.util.Collection<String> test) {
        List<String> names = new ArrayList<>(new TreeSet<>(train));
        for (String name : new TreeSet<>(test)) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static String splitFolders(int trainClasses, int unseen) {
        return "train/ and test/ folders" + (unseen == 0 ? ""
                : " (" + unseen + " test classes have no training images: unseen classes)");
    }

    /** A listing from index lines ("train/&lt;class&gt;/&lt;file&gt;" or "&lt;class&gt;/&lt;file&gt;"). */
    static Listing fromIndex(List<String> lines, String location, java.util.function.Function<String, Opener> opener) {
        boolean split = lines.stream().anyMatch(l -> l.startsWith(TRAIN + "/") || l.startsWith(TEST + "/"));
        TreeSet<String> trainClasses = new TreeSet<>();
        TreeSet<String> otherClasses = new TreeSet<>();
        for (String line : lines) {
            String[] parts = line.split("/");
            if (parts.length != (split ? 3 : 2)) {
                throw new DataFormatException(location, "index line '" + line + "' is not "
                        + (split ? "train|test/<class>/<file>" : "<class>/<file>"));
            }
            (!split || parts[0].equals(TRAIN) ? trainClasses : otherClasses).add(parts[split ? 1 : 0]);
        }
        List<String> classNames = trainFirst(trainClasses, otherClasses);
        List<Entry> train = new ArrayList<>();
        List<Entry> test = new ArrayList<>();
        int[] seen = new int[classNames.size()];
        for (String line : lines) {
            String[] parts = line.split("/");
            int label = classNames.indexOf(parts[split ? 1 : 0]);
            Entry entry = new Entry(location + "/" + line, label, opener.apply(line));
            boolean isTest = split ? parts[0].equals(TEST) : ++seen[label] % TEST_EVERY == 0;
            (isTest ? test : train).add(entry);
        }
        return new Listing(classNames, train, test, location, split ? "train/ and test/ folders" : splitRule());
    }

    static String splitRule() {
        return "every " + TEST_EVERY + "th file of each class in sorted name order is test";
    }

    private static Listing listUnsplit(Path root, List<Path> classFolders) {
        if (classFolders.isEmpty()) {
            throw new DataFormatException(root, "holds no class folders; an image data set is a folder with "
                    + "one sub-folder of images per class");
        }
        List<String> classNames = classFolders.stream().map(p -> p.getFileName().toString()).toList();
        List<Entry> train = new ArrayList<>();
        List<Entry> test = new ArrayList<>();
        for (int label = 0; label < classFolders.size(); label++) {
            List<Path> files = imageFiles(classFolders.get(label));
            for (int i = 0; i < files.size(); i++) {
                ((i + 1) % TEST_EVERY == 0 ? test : train).add(fileEntry(files.get(i), label));
            }
        }
        return new Listing(classNames, train, test, root.toString(), splitRule());
    }

    private static List<Path> classFolders(Path root) {
        List<Path> folders = subFolders(root);
        boolean split = folders.stream().anyMatch(p -> p.getFileName().toString().equals(TRAIN));
        if (!split) {
            return folders;
        }
        List<Path> all = new ArrayList<>();
        for (Path splitFolder : folders) {
            all.addAll(subFolders(splitFolder));
        }
        return all;
    }

    private static Entry fileEntry(Path file, int label) {
        return new Entry(file.toString(), label, () -> {
            // checked before opening: opening a named pipe waits for a writer, forever
            if (!Files.isRegularFile(file)) {
                throw new DataFormatException(file, ImageConversion.NOT_REGULAR);
            }
            return Files.newInputStream(file);
        });
    }

    private static List<Path> subFolders(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).filter(p -> !ignored(p.getFileName().toString()))
                    .sorted(BY_NAME).toList();
        } catch (IOException e) {
            throw new DataFormatException(folder.toString(), "cannot be listed: " + e.getMessage(), e);
        }
    }

    private static List<Path> imageFiles(Path classFolder) {
        try (Stream<Path> children = Files.list(classFolder)) {
            List<Path> files = children.filter(p -> !ignored(p.getFileName().toString())).sorted(BY_NAME).toList();
            for (Path file : files) {
                if (Files.isDirectory(file)) {
                    throw new DataFormatException(file, "is a folder inside a class folder; class folders "
                            + "hold image files only");
                }
            }
            return files;
        } catch (IOException e) {
            throw new DataFormatException(classFolder.toString(), "cannot be listed: " + e.getMessage(), e);
        }
    }

    private static boolean ignored(String fileName) {
        return fileName.startsWith(".") || OS_METADATA.contains(fileName.toLowerCase(java.util.Locale.ROOT));
    }
}
