package org.dmlworkbench.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Applies a {@link SplitSpec} to a data set as read. Pure: the same input gives the same split. */
public final class DatasetSplits {

    /** In each class, in order, every this-many-th image is a test image ({@code --split images}). */
    public static final int TEST_EVERY = ImageFolderReader.TEST_EVERY;

    private DatasetSplits() {}

    /**
     * @throws IllegalArgumentException naming the option and the problem (too few classes, a
     *     test class the data does not have)
     */
    public static Dataset apply(Dataset data, SplitSpec spec) {
        switch (spec.mode()) {
            case "images":
                return data.testClassesAreTrained() && data.gallery() == null ? data : byImages(data);
            case "classes":
                return byClasses(data, spec);
            default:
                return data;
        }
    }

    /** Every image pooled, then every {@value #TEST_EVERY}th of each class is a test image. */
    static Dataset byImages(Dataset data) {
        List<String> names = data.classNames();
        ImageSet all = ImageSet.pool(splits(data), identity(names.size()), names);
        int[] seen = new int[names.size()];
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (++seen[all.label(i)] % TEST_EVERY == 0 ? test : train).add(i);
        }
        return withSplits(data, all, train, test, SplitSpec.images().describe()
                + ": every " + TEST_EVERY + "th image of each class is test");
    }

    /**
     * Every image pooled; the chosen test classes test and the others train, listed in label
     * order with the training classes first.
     */
    static Dataset byClasses(Dataset data, SplitSpec spec) {
        List<String> names = data.classNames();
        ImageSet all = ImageSet.pool(splits(data), identity(names.size()), names);
        int[] counts = all.classCounts();
        List<Integer> populated = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                populated.add(c);
            }
        }
        if (populated.size() < 2) {
            throw new IllegalArgumentException("--split classes needs at least 2 classes with images"
                    + " (some to train on, others to test on); '" + data.name() + "' has "
                    + populated.size());
        }
        Set<Integer> testClasses = new LinkedHashSet<>();
        if (!spec.testClasses().isEmpty()) {
            String from = spec.testClassesFile() != null ? spec.testClassesFile() : "--test-classes";
            for (String name : spec.testClasses()) {
                int label = names.indexOf(name);
                if (label < 0 || counts[label] == 0) {
                    throw new IllegalArgumentException(from + " names the class '" + name + "', which '"
                            + data.name() + "' does not have (it has " + preview(names) + ")");
                }
                testClasses.add(label);
            }
            if (testClasses.size() == populated.size()) {
                throw new IllegalArgumentException(from + " names every class of '" + data.name()
                        + "' as a test class; leave some to train on");
            }
        } else {
            int train = (int) Math.round(populated.size() * spec.trainFraction());
            train = Math.max(1, Math.min(populated.size() - 1, train));
            testClasses.addAll(populated.subList(train, populated.size()));
        }
        List<Integer> order = new ArrayList<>();
        for (int c : populated) {
            if (!testClasses.contains(c)) {
                order.add(c);
            }
        }
        int trainCount = order.size();
        for (int c : populated) {
            if (testClasses.contains(c)) {
                order.add(c);
            }
        }
        int[] relabel = new int[names.size()];
        List<String> ordered = new ArrayList<>();
        for (int position = 0; position < order.size(); position++) {
            relabel[order.get(position)] = position;
            ordered.add(names.get(order.get(position)));
        }
        ImageSet relabelled = ImageSet.pool(List.of(all), relabel, ordered);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < relabelled.size(); i++) {
            (relabelled.label(i) < trainCount ? train : test).add(i);
        }
        return withSplits(data, relabelled, train, test, spec.describe() + ": " + trainCount
                + " training classes, " + (order.size() - trainCount) + " unseen test classes");
    }

    private static List<ImageSet> splits(Dataset data) {
        return data.gallery() == null ? List.of(data.train(), data.test())
                : List.of(data.train(), data.test(), data.gallery());
    }

    private static Dataset withSplits(Dataset data, ImageSet all, List<Integer> train,
            List<Integer> test, String rule) {
        String conversion = data.conversion().replaceFirst("; split: .*$", "") + "; split: " + rule;
        return new Dataset(data.name(), data.format(), data.location(), all.subset(indices(train)),
                all.subset(indices(test)), data.skippedBadFiles(), conversion);
    }

    private static int[] indices(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] identity(int n) {
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        return identity;
    }

    private static String preview(List<String> names) {
        return names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + ", ... (" + names.size() + " classes)";
    }
}
