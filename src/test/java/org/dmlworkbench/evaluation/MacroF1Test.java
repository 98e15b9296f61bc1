package org.dmlworkbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MacroF1Test {

    /*
     * truth 0 0 0 1 1 2, predicted 0 0 1 1 2 2:
     *   class 0: TP 2, FP 0, FN 1 -> 2*2/(4+0+1) = 0.8
     *   class 1: TP 1, FP 1, FN 1 -> 2/4 = 0.5
     *   class 2: TP 1, FP 1, FN 0 -> 2/3
     * macro = (0.8 + 0.5 + 2/3) / 3 = 0.65556 (sklearn 1.2.1: 0.6555555555555556)
     */
    @Test
    void macroAverageOfPerClassF1() {
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3,
                MacroF1.of(new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2, 2}), 1e-12);
    }

    /* A label only ever predicted counts with F1 0 (sklearn 1.2.1: 0.5555555555555555). */
    @Test
    void aLabelOnlyPredictedCountsAsZero() {
        // truth 0 1 0, predicted 0 1 2: F1(0) = 2/(2+0+1) = 2/3, F1(1) = 1, F1(2) = 0 -> 5/9.
        assertEquals(5.0 / 9, MacroF1.of(new int[] {0, 1, 0}, new int[] {0, 1, 2}), 1e-12);
    }

    @Test
    void mismatchedLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> MacroF1.of(new int[] {0, 1}, new int[] {0}));
    }
}
