package org.dmlworkbench.ui.architecture;

import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** How parameter counts, file sizes and shapes read in the Architecture panel. */
public final class ModelSize {

    /** "Under 1 MB" means under 10^6 bytes of saved parameters. */
    public static final long ONE_MEGABYTE = 1_000_000L;

    private ModelSize() {}

    /** "115,456". */
    public static String parameters(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    public static boolean underOneMegabyte(long bytes) {
        return bytes < ONE_MEGABYTE;
    }

    /** "0.47 MB" below 1 MB, "44.9 MB" above. */
    public static String megabytes(long bytes) {
        double mb = bytes / (double) ONE_MEGABYTE;
        return String.format(Locale.ROOT, mb < 1 ? "%.2f MB" : "%.1f MB", mb);
    }

    /** The badge text: "under 1 MB" or the size. */
    public static String badge(long bytes) {
        return underOneMegabyte(bytes) ? "under 1 MB" : megabytes(bytes);
    }

    /** A layer's output shape without the batch axis: "16 × 28 × 28". */
    public static String shape(Shape shape) {
        return LongStream.of(shape.getShape()).skip(1).mapToObj(Long::toString)
                .collect(Collectors.joining(" × "));
    }

    /** "12.3 M multiply-adds" per image; "4.1 G" from a billion. */
    public static String multiplyAdds(long count) {
        if (count >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f G", count / 1e9);
        }
        return count >= 1_000_000L ? String.format(Locale.ROOT, "%.1f M", count / 1e6)
                : String.format(Locale.ROOT, "%,d", count);
    }
}
