package org.dmlworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchStatsTest {

    @Test
    void oddCountMedianIsTheMiddleSample() {
        // Sorted: 1, 2, 3, 7, 100 -> median 3, min 1, max 100.
        // p99 at position 0.99 * 4 = 3.96: 7 + 0.96 * (100 - 7) = 96.28.
        BenchStats stats = BenchStats.of(7, 1, 100, 3, 2);
        assertEquals(5, stats.samples());
        assertEquals(3, stats.median(), 1e-12);
        assertEquals(1, stats.min(), 1e-12);
        assertEquals(100, stats.max(), 1e-12);
        assertEquals(96.28, stats.p99(), 1e-9);
    }

    @Test
    void evenCountMedianAveragesTheMiddlePair() {
        // Sorted: 2, 4, 10, 20 -> median at position 1.5: (4 + 10) / 2 = 7.
        BenchStats stats = BenchStats.of(10, 2, 20, 4);
        assertEquals(7, stats.median(), 1e-12);
        assertEquals(2, stats.min(), 1e-12);
        assertEquals(20, stats.max(), 1e-12);
    }

    @Test
    void percentilesInterpolateBetweenSortedSamples() {
        double[] samples = new double[101];
        for (int i = 0; i <= 100; i++) {
            samples[i] = 100 - i; // 0..100 in reverse: the p-th percentile is p itself
        }
        assertEquals(0, BenchStats.percentile(samples, 0), 1e-12);
        assertEquals(50, BenchStats.percentile(samples, 50), 1e-12);
        assertEquals(99, BenchStats.percentile(samples, 99), 1e-12);
        assertEquals(100, BenchStats.percentile(samples, 100), 1e-12);
        // Ten samples 10, 20, ..., 100: p25 at position 2.25 -> 30 + 0.25 * 10 = 32.5.
        double[] tens = {100, 90, 80, 70, 60, 50, 40, 30, 20, 10};
        assertEquals(32.5, BenchStats.percentile(tens, 25), 1e-12);
    }

    @Test
    void oneSampleIsItsOwnSummary() {
        BenchStats stats = BenchStats.of(4.5);
        assertEquals(new BenchStats(1, 4.5, 4.5, 4.5, 4.5), stats);
        assertEquals(stats, BenchStats.single(4.5));
    }

    @Test
    void emptyOrNonFiniteSamplesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchStats.of());
        assertThrows(IllegalArgumentException.class, () -> BenchStats.of(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BenchStats.percentile(new double[] {1}, 101));
    }

    @Test
    void repeatsDiscardWarmupsAndRecordTheRest() throws Exception {
        int[] calls = {0};
        double[] figures = Repeats.run(2, 3, () -> ++calls[0]);
        assertEquals(5, calls[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {3, 4, 5}, figures);
        assertThrows(IllegalArgumentException.class, () -> Repeats.run(0, 0, () -> 1));
    }
}
