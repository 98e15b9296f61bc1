package org.dmlworkbench.bench.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dmlworkbench.data.ImageSet;

/** Seeded random images for timing: the content does not matter to speed, only the shape. */
final class SyntheticImages {

    private SyntheticImages() {}

    /** {@code count} images with labels cycling through {@code classes}, so every batch has pairs. */
    static ImageSet of(int count, int channels, int side, int classes, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * channels * side * side];
        random.nextBytes(pixels);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        return new ImageSet(channels, side, side, pixels, labels, names, null);
    }

    /** "28x28x1" style label of an input shape. */
    static String shape(int channels, int side) {
        return side + "x" + side + "x" + channels;
    }
}
