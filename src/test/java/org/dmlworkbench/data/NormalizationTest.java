package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    /**
     * Two images, two channels of 1x2 pixels. Channel 0 holds 0, 255, 255, 255: as v/255 that is
     * 0, 1, 1, 1, mean 0.75, variance 3/4 - 0.75^2 = 0.1875, std 0.4330127. Channel 1 holds 51,
     * 51, 102, 0: 0.2, 0.2, 0.4, 0, mean 0.2, variance 0.06 - 0.04 = 0.02, std 0.1414214.
     * Channel 2 is 0 everywhere: mean 0, and std 1 rather than 0.
     */
    private static final ImageSet SET = new ImageSet(3, 1, 2,
            bytes(0, 255, 51, 51, 0, 0, 255, 255, 102, 0, 0, 0), new int[] {0, 0}, List.of("x"), null);

    @Test
    void fitMatchesTheHandComputation() {
        Normalization n = Normalization.fit(SET);
        assertArrayEquals(new float[] {0.75f, 0.2f, 0f}, n.mean(), 1e-6f);
        assertArrayEquals(new float[] {0.4330127f, 0.1414214f, 1f}, n.std(), 1e-6f);
    }

    @Test
    void fitMatchesAnIndependentDoubleLoop() {
        ImageSet set = new ImageSet(3, 4, 5, TestFiles.patternPixels(7, 60, 3), new int[7], List.of("x"), null);
        Normalization n = Normalization.fit(set);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < 7; i++) {
                for (int r = 0; r < 4; r++) {
                    for (int x = 0; x < 5; x++) {
                        sum += set.pixel(i, c, r, x) / 255.0;
                        count++;
                    }
                }
            }
            double mean = sum / count;
            double squares = 0;
            for (int i = 0; i < 7; i++) {
                for (int r = 0; r < 4; r++) {
                    for (int x = 0; x < 5; x++) {
                        double d = set.pixel(i, c, r, x) / 255.0 - mean;
                        squares += d * d;
                    }
                }
            }
            assertEquals(mean, n.mean()[c], 1e-6);
            assertEquals(Math.sqrt(squares / count), n.std()[c], 1e-6);
        }
    }

    @Test
    void applyStandardisesEachChannel() {
        Normalization n = Normalization.fit(SET);
        byte[] image = new byte[6];
        SET.copyImage(1, image, 0);
        // Channel 0: (1 - 0.75) / 0.4330127 = 0.5773503 twice; channel 1: (0.4 - 0.2) / 0.1414214
        // = 1.4142136 and (0 - 0.2) / 0.1414214 = -1.4142136; channel 2: (0 - 0) / 1 = 0.
        assertArrayEquals(new float[] {0.5773503f, 0.5773503f, 1.4142136f, -1.4142136f, 0f, 0f},
                n.apply(image), 1e-5f);
    }

    @Test
    void aConstantChannelGetsStdOne() {
        ImageSet flat = new ImageSet(1, 1, 2, bytes(51, 51), new int[] {0}, List.of("x"), null);
        Normalization n = Normalization.fit(flat);
        assertArrayEquals(new float[] {1f}, n.std());
        assertArrayEquals(new float[] {0f, 0f}, n.apply(bytes(51, 51)), 1e-6f);
        assertEquals(n, new Normalization(new float[] {0.2f}, new float[] {1f}));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
