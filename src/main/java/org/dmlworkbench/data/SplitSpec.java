package org.dmlworkbench.data;

import java.util.List;
import java.util.Locale;

/**
 * How a data set's images are divided into training and test images, as a run records it.
 *
 * <ul>
 *   <li>{@code auto}: the split the data comes with: IDX and CIFAR files, {@code train/} and
 *   {@code test/} folders whatever classes each holds, a benchmark's standard split; for a
 *   folder of class folders only, every 5th image of each class is a test image.</li>
 *   <li>{@code images}: the same classes on both sides: the data's own split when it already
 *   has them; otherwise all images pooled and every 5th image of each class is a test image.</li>
 *   <li>{@code classes}: class-disjoint, the deep-metric-learning protocol: all images pooled;
 *   the first {@code trainFraction} of the classes in label order train, the rest test (or the
 *   classes named in {@code testClasses} test and the others train).</li>
 * </ul>
 *
 * @param mode auto, images or classes
 * @param trainFraction for classes: the fraction of the classes that trains (default 0.5)
 * @param testClasses for classes: the test classes by name, or empty to use the fraction
 * @param testClassesFile where {@code testClasses} were read from, for the record, or null
 */
public record SplitSpec(String mode, double trainFraction, List<String> testClasses,
        String testClassesFile) {

    public static final List<String> MODES = List.of("auto", "images", "classes");
    public static final double DEFAULT_TRAIN_FRACTION = 0.5;

    public SplitSpec {
        mode = mode == null ? "auto" : mode.strip().toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown --split '" + mode + "'; choose "
                    + String.join(", ", MODES));
        }
        if (trainFraction == 0) {
            trainFraction = DEFAULT_TRAIN_FRACTION;
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("--train-classes must be a fraction between 0 and 1"
                    + " (exclusive), got " + trainFraction);
        }
        testClasses = testClasses == null ? List.of() : List.copyOf(testClasses);
        if (!mode.equals("classes") && (!testClasses.isEmpty()
                || trainFraction != DEFAULT_TRAIN_FRACTION)) {
            throw new IllegalArgumentException("--train-classes and --test-classes choose classes"
                    + " for --split classes; they mean nothing with --split " + mode);
        }
    }

    public static SplitSpec auto() {
        return new SplitSpec("auto", DEFAULT_TRAIN_FRACTION, List.of(), null);
    }

    public static SplitSpec images() {
        return new SplitSpec("images", DEFAULT_TRAIN_FRACTION, List.of(), null);
    }

    public static SplitSpec classes(double trainFraction) {
        return new SplitSpec("classes", trainFraction, List.of(), null);
    }

    /** Class-disjoint with the named test classes (read from {@code file}, recorded as such). */
    public static SplitSpec testClasses(List<String> names, String file) {
        return new SplitSpec("classes", DEFAULT_TRAIN_FRACTION, names, file);
    }

    public boolean isAuto() {
        return mode.equals("auto");
    }

    /** A line for summaries: "classes (first 50% of classes train)". */
    public String describe() {
        switch (mode) {
            case "classes":
                return testClasses.isEmpty()
                        ? "classes (disjoint: the first " + Math.round(trainFraction * 100)
                                + "% of the classes in label order train, the rest test)"
                        : "classes (disjoint: " + testClasses.size() + " test classes"
                                + (testClassesFile != null ? " from " + testClassesFile : "")
                                + ", the others train)";
            case "images":
                return "images (the same classes in train and test)";
            default:
                return "auto (the data's own split)";
        }
    }
}
