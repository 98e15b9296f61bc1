package org.dmlworkbench.data.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.data.ImageFolderReader;
import org.dmlworkbench.data.benchmark.IndexedImage.Part;

/**
 * Turns the images an index names into the listing {@link ImageFolderReader} reads: one class list
 * with the training classes first (each side in class-id order), labels, and the parts.
 */
final class BenchmarkListing {

    private BenchmarkListing() {}

    /**
     * @param skipBad when false, every named image must exist (checked before any is decoded, so
     *     a large set fails at once); when true, a missing one is skipped and listed like an
     *     unreadable one
     */
    static ImageFolderReader.Listing of(BenchmarkLayout layout, Path root, List<IndexedImage> images,
            boolean skipBad) {
        Map<Part, List<IndexedImage>> parts = new EnumMap<>(Part.class);
        for (IndexedImage image : images) {
            parts.computeIfAbsent(image.part(), part -> new ArrayList<>()).add(image);
        }
        List<Part> expected = layout.hasGallery() ? List.of(Part.TRAIN, Part.TEST, Part.GALLERY)
                : List.of(Part.TRAIN, Part.TEST);
        for (Part part : expected) {
            if (!parts.containsKey(part)) {
                String name = part == Part.TEST && layout.hasGallery() ? "query"
                        : part.name().toLowerCase(java.util.Locale.ROOT);
                throw new DataFormatException(layout.primaryIndex(root), "names no " + name + " images; "
                        + layout.title()
                        + "'s standard split is " + layout.standardSplit());
            }
        }
        if (!skipBad) {
            for (IndexedImage image : images) {
                if (!Files.exists(image.file())) {
                    throw missing(image);
                }
            }
        }
        Map<Long, String> names = classNamesById(images);
        Set<Long> trainIds = new TreeSet<>();
        parts.get(Part.TRAIN).forEach(image -> trainIds.add(image.classId()));
        List<Long> order = new ArrayList<>(trainIds);
        names.keySet().stream().filter(id -> !trainIds.contains(id)).forEach(order::add);
        List<String> classNames = new ArrayList<>();
        Map<Long, Integer> labels = new HashMap<>();
        for (long id : order) {
            labels.put(id, classNames.size());
            classNames.add(names.get(id));
        }
        Map<Part, List<ImageFolderReader.Entry>> entries = new EnumMap<>(Part.class);
        for (Part part : expected) {
            List<ImageFolderReader.Entry> list = new ArrayList<>();
            for (IndexedImage image : parts.get(part)) {
                list.add(entry(image, labels.get(image.classId())));
            }
            entries.put(part, list);
        }
        String rule = layout.title() + "'s standard split, " + layout.standardSplit() + ": "
                + trainIds.size() + " training classes, " + (order.size() - trainIds.size())
                + " unseen test classes" + (layout.hasGallery() ? " (" + entries.get(Part.TEST).size()
                        + " query and " + entries.get(Part.GALLERY).size() + " gallery images)" : "");
        return new ImageFolderReader.Listing(classNames, entries.get(Part.TRAIN), entries.get(Part.TEST),
                entries.get(Part.GALLERY), root.toString(), rule, layout.name());
    }

    /**
     * Each class id's name (the first the index gives it), in id order. A name two class ids
     * share gets its id appended, since the class list must name each class once.
     */
    private static Map<Long, String> classNamesById(List<IndexedImage> images) {
        TreeMap<Long, String> names = new TreeMap<>();
        for (IndexedImage image : images) {
            names.putIfAbsent(image.classId(), image.className());
        }
        Map<String, Integer> uses = new HashMap<>();
        names.values().forEach(name -> uses.merge(name, 1, Integer::sum));
        names.replaceAll((id, name) -> uses.get(name) > 1 ? name + " #" + id : name);
        return names;
    }

    private static ImageFolderReader.Entry entry(IndexedImage image, int label) {
        Path file = image.file();
        return new ImageFolderReader.Entry(file.toString(), label, () -> {
            // checked before opening: opening a named pipe waits for a writer, forever
            if (!Files.exists(file)) {
                throw missing(image);
            }
            if (!Files.isRegularFile(file)) {
                throw new DataFormatException(file, ImageConversion.NOT_REGULAR);
            }
            return Files.newInputStream(file);
        });
    }

    private static DataFormatException missing(IndexedImage image) {
        return new DataFormatException(image.file(), "does not exist, but " + image.namedBy()
                + " names it; restore the image or give --skip-bad to leave it out");
    }
}
