package org.dmlworkbench.data;

import java.util.List;

/**
 * Training and test image sets, possibly with a separate gallery, and where they came from. All
 * sets share one list of class names (labels index into it, so labels compare across sets). The
 * test classes may be the same as the training ones or disjoint from them (unseen classes, the
 * deep-metric-learning protocol); readers and {@link DatasetSplits} list the training classes
 * first, so a classifier head needs only {@link #trainClassCount()} outputs.
 *
 * @param name the name it was asked for ("fashion-mnist", "sample", or a folder path)
 * @param format "idx", "cifar-10-binary", "image-folder" or a benchmark layout's name
 * @param location the folder the files were read from (or "classpath:..." for the bundled sample)
 * @param test the test images; with a gallery, the queries
 * @param skippedBadFiles files skipped under --skip-bad (empty unless it was given)
 * @param conversion how images were resized/converted on loading and how the split was made
 * @param gallery the images test queries search (In-Shop's gallery), or null when the test
 *     items search each other
 */
public record Dataset(String name, String format, String location, ImageSet train, ImageSet test,
        List<String> skippedBadFiles, String conversion, ImageSet gallery) {

    public Dataset {
        for (ImageSet other : gallery == null ? List.of(test) : List.of(test, gallery)) {
            if (train.channels() != other.channels() || train.height() != other.height()
                    || train.width() != other.width()) {
                throw new IllegalArgumentException("train and test images differ in size: "
                        + train + " vs " + other);
            }
            if (!train.classNames().equals(other.classNames())) {
                throw new IllegalArgumentException("the splits do not share one class list: "
                        + train.classNames() + " vs " + other.classNames());
            }
        }
        skippedBadFiles = List.copyOf(skippedBadFiles);
    }

    /** Without a separate gallery. */
    public Dataset(String name, String format, String location, ImageSet train, ImageSet test,
            List<String> skippedBadFiles, String conversion) {
        this(name, format, location, train, test, skippedBadFiles, conversion, null);
    }

    public List<String> classNames() {
        return train.classNames();
    }

    /**
     * How many classes the training set covers: labels 0..n-1. A classifier head has this many
     * outputs; test-only (unseen) classes follow them in the class list.
     */
    public int trainClassCount() {
        return train.labelBound();
    }

    /** The names of the classes with at least one image in {@code set}, in label order. */
    public static List<String> classesOf(ImageSet set) {
        int[] counts = set.classCounts();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                names.add(set.classNames().get(c));
            }
        }
        return names;
    }

    /** True when every test class has training images (the classification-style split). */
    public boolean testClassesAreTrained() {
        int[] train = this.train.classCounts();
        int[] test = this.test.classCounts();
        for (int c = 0; c < test.length; c++) {
            if (test[c] > 0 && train[c] == 0) {
                return false;
            }
        }
        return true;
    }

    /** Content fingerprint of every split, recorded in every run's config. */
    public String fingerprint() {
        String content = train.contentFingerprint() + test.contentFingerprint()
                + (gallery == null ? "" : gallery.contentFingerprint());
        return Fingerprints.sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8), new int[0]);
    }
}
