package org.dmlworkbench.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKSelectorTest {

    /** The reference answer: sort all columns but the excluded one by (value, index). */
    private static int[] bySorting(float[] row, int k, int exclude) {
        return IntStream.range(0, row.length).filter(j -> j != exclude).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> row[j])
                        .thenComparingInt(j -> j))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void matchesAFullSortOnTieHeavyAndContinuousRows() {
        Random random = new Random(1);
        TopKSelector selector = new TopKSelector();
        int[] ns = {1, 2, 7, 40, 500, 3000};
        int[] ks = {0, 1, 3, 31, 32, 33, 100, 499, 2000, 5000};
        for (int n : ns) {
            for (int k : ks) {
                for (boolean ties : new boolean[] {true, false}) {
                    float[] row = new float[n];
                    for (int j = 0; j < n; j++) {
                        row[j] = ties ? random.nextInt(7) - 3 : (float) random.nextGaussian();
                    }
                    int exclude = random.nextBoolean() ? random.nextInt(n) : -1;
                    int[] expected = bySorting(row, k, exclude);
                    int[] out = new int[Math.max(k, 1)];

                    int found = selector.select(row, n, k, exclude, out);

                    assertEquals(expected.length, found, "n=" + n + " k=" + k);
                    assertArrayEquals(expected, java.util.Arrays.copyOf(out, found),
                            "n=" + n + " k=" + k + " ties=" + ties + " exclude=" + exclude);
                }
            }
        }
    }

    @Test
    void readsARowOutOfADirectBufferAtAnOffset() {
        float[] values = {9, 9, 9, 5, 1, 3, 1, 8};
        FloatBuffer buffer = ByteBuffer.allocateDirect(values.length * 4)
                .order(ByteOrder.nativeOrder()).asFloatBuffer().put(values);
        int[] out = new int[3];
        // Row = values[3..8) = 5 1 3 1 8; excluding column 1 leaves 1 (col 3), 3 (col 2), 5 (col 0).
        int found = new TopKSelector().select(buffer, 3, 5, 3, 1, out);
        assertEquals(3, found);
        assertArrayEquals(new int[] {3, 2, 0}, out);
    }

    @Test
    void negativeZeroTiesWithZeroAndNegativesSortFirst() {
        float[] row = {0f, -0f, -2f, 1f, -0f};
        int[] out = new int[5];
        new TopKSelector().select(row, row.length, 5, -1, out);
        assertArrayEquals(new int[] {2, 0, 1, 4, 3}, out);
        assertTrue(TopKSelector.unsignedOrderKey(-1f) + Integer.MIN_VALUE
                < TopKSelector.unsignedOrderKey(0.5f) + Integer.MIN_VALUE);
    }
}
