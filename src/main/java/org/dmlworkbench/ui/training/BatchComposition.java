package org.dmlworkbench.ui.training;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.training.RunSetup;
import org.dmlworkbench.config.TrainingConfig;

/**
 * What one training batch holds, as the sampler resolves it: m-per-class batches of so many
 * classes times so many images, or random (shuffled) batches. Read from the sampler's own
 * description, which is also what a run records ({@code RunManifest.sampling}), so the form and
 * an opened run are described by the same rule.
 *
 * @param sampler "m-per-class" or "shuffle"
 * @param classesPerBatch for m-per-class: distinct classes in a batch, else 0
 * @param imagesPerClass for m-per-class: images of each class in a batch, else 0
 * @param reason why the auto sampler chose this, or null when it was chosen by name
 */
public record BatchComposition(String sampler, int batchSize, int classesPerBatch, int imagesPerClass,
        String reason) {

    private static final Pattern M_PER_CLASS = Pattern.compile(
            "^m-per-class \\(m (\\d+), (\\d+) classes per batch, batch (\\d+)");
    private static final Pattern SHUFFLE = Pattern.compile("^shuffle \\(batch (\\d+)");
    private static final Pattern REASON = Pattern.compile("\\[(auto: [^\\]]*)\\]\\s*$");

    /**
     * The batches {@code config} draws from {@code train}: the engine's sampler, built as a run
     * builds it.
     *
     * @throws IllegalArgumentException when the sampler cannot draw batches from this data
     */
    public static BatchComposition of(TrainingConfig config, ImageSet train) {
        String described = RunSetup.sampler(config, train).describe();
        BatchComposition composition = parse(described);
        if (composition == null) {
            throw new IllegalArgumentException("unknown sampler description '" + described + "'");
        }
        return composition;
    }

    /** Reads a sampler's description (a run's recorded sampling); null when it is not one. */
    public static BatchComposition parse(String sampling) {
        if (sampling == null) {
            return null;
        }
        Matcher reasonMatch = REASON.matcher(sampling);
        String reason = reasonMatch.find() ? reasonMatch.group(1) : null;
        Matcher m = M_PER_CLASS.matcher(sampling);
        if (m.find()) {
            return new BatchComposition("m-per-class", Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), reason);
        }
        Matcher s = SHUFFLE.matcher(sampling);
        if (s.find()) {
            return new BatchComposition("shuffle", Integer.parseInt(s.group(1)), 0, 0, reason);
        }
        return null;
    }

    /** "32 classes × 4 images per class (batch 128)" or "random batches of 128 (shuffled)". */
    public String text() {
        String what = sampler.equals("m-per-class")
                ? String.format(Locale.ROOT, "%d classes × %d images per class (batch %d)", classesPerBatch,
                        imagesPerClass, batchSize)
                : String.format(Locale.ROOT, "random batches of %d (shuffled)", batchSize);
        return reason == null ? what : what + ", chosen by " + reason;
    }
}
