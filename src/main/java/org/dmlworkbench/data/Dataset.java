package org.dmlworkbench.data;

import java.util.List;

/**
 * A train/test pair of image sets with the same classes and image size, and where it came from.
 *
 * @param name the name it was asked for ("fashion-mnist", "sample", or a folder path)
 * @param format "idx", "cifar-10-binary" or "image-folder"
 * @param location the folder the files were read from (or "classpath:..." for the bundled sample)
 * @param skippedBadFiles files skipped under --skip-bad (empty unless it was given)
 * @param conversion how images were resized/converted on loading, or "none"
 */
public record Dataset(String name, String format, String location, ImageSet train, ImageSet test,
        List<String> skippedBadFiles, String conversion) {

    public Dataset {
        if (train.channels() != test.channels() || train.height() != test.height()
                || train.width() != test.width()) {
            throw new IllegalArgumentException("train and test images differ in size: "
                    + train + " vs " + test);
        }
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train and test classes differ: "
                    + train.classNames() + " vs " + test.classNames());
        }
        skippedBadFiles = List.copyOf(skippedBadFiles);
    }

    public List<String> classNames() {
        return train.classNames();
    }

    /** Content fingerprint of both splits, recorded in every run's config. */
    public String fingerprint() {
        return Fingerprints.sha256(
                (train.contentFingerprint() + test.contentFingerprint()).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), new int[0]);
    }
}
