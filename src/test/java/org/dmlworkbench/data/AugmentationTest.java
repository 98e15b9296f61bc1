package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    /** A 4x6 grey ramp: value = 10 * column + row. */
    static Planes ramp() {
        float[] values = new float[4 * 6];
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 6; col++) {
                values[row * 6 + col] = 10 * col + row;
            }
        }
        return new Planes(1, 4, 6, new float[][] {values});
    }

    @Test
    void aRegionAtItsOwnSizeIsCopiedAndMirroredExactly() {
        byte[] crop = ImageConversion.region(ramp(), 2, 1, 3, 2, 2, 3, false);
        assertArrayEquals(new byte[] {21, 31, 41, 22, 32, 42}, crop);
        byte[] mirrored = ImageConversion.region(ramp(), 2, 1, 3, 2, 2, 3, true);
        assertArrayEquals(new byte[] {41, 31, 21, 42, 32, 22}, mirrored);
        // halving averages 2x2 blocks: (0 + 10 + 1 + 11) / 4 = 5.5 -> 6
        byte[] half = ImageConversion.region(ramp(), 0, 0, 6, 4, 2, 3, false);
        assertArrayEquals(new byte[] {6, 26, 46, 8, 28, 48}, half);
    }

    @Test
    void cropsStayInsideTheImageWithinTheScaleAndRatioRanges() {
        Augmentation augmentation = new Augmentation("standard", 0.2, 0.6, 0.5, 2, true, 0);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            double[] crop = augmentation.crop(300, 200, random);
            assertTrue(crop[0] >= 0 && crop[1] >= 0 && crop[0] + crop[2] <= 300 && crop[1] + crop[3] <= 200,
                    java.util.Arrays.toString(crop));
            double area = crop[2] * crop[3] / (300.0 * 200);
            double ratio = crop[2] / crop[3];
            // rounding the sides to whole pixels moves area and ratio a little
            assertTrue(area > 0.19 && area < 0.61, "area " + area);
            assertTrue(ratio > 0.49 && ratio < 2.02, "ratio " + ratio);
        }
    }

    @Test
    void whenNoTryFitsTheCropFallsBackToTheCentreAtTheNearestAllowedRatio() {
        // a 100x10 strip cannot hold a crop of ratio 1..1 covering 90-100 % of its area
        Augmentation square = new Augmentation("standard", 0.9, 1, 1, 1, false, 0);
        double[] crop = square.crop(100, 10, new SplittableRandom(1));
        assertArrayEquals(new double[] {45, 0, 10, 10}, crop, 1e-9);
    }

    @Test
    void theSameRandomSourceGivesTheSameViewAndFlipsHalfTheTime() {
        Augmentation augmentation = new Augmentation("standard", 0.5, 1, 0.75, 1.33, true, 0.3);
        byte[] first = augmentation.apply(ramp(), 3, 3, new SplittableRandom(42));
        byte[] again = augmentation.apply(ramp(), 3, 3, new SplittableRandom(42));
        assertArrayEquals(first, again);
        int flips = 0;
        SplittableRandom random = new SplittableRandom(7);
        Augmentation flipOnly = new Augmentation("standard", 1, 1, 1.5, 1.5, true, 0);
        for (int i = 0; i < 1000; i++) {
            byte[] view = flipOnly.apply(ramp(), 4, 6, random);
            flips += (view[0] & 0xFF) > (view[5] & 0xFF) ? 1 : 0;
        }
        assertTrue(flips > 430 && flips < 570, flips + " of 1000 flipped");
    }

    @Test
    void badSettingsAreRefusedByOption() {
        assertThrows(IllegalArgumentException.class, () -> new Augmentation("wild", 0.1, 1, 1, 1, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation("standard", 0.5, 0.4, 1, 1, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation("standard", 0.5, 1, 2, 1, true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation("standard", 0.5, 1, 1, 1, true, 1));
        assertEquals("none", Augmentation.none().describe());
    }
}
