package org.dmlworkbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QueryScoresTest {

    /*
     * Query label 7, neighbours 7 3 7 7 3, R = 3. Within the first R = 3: hits at ranks 1 and 3.
     * R-Precision = 2/3. MAP@R = (1/3) (P@1 * 1 + P@2 * 0 + P@3 * 1) = (1/3)(1 + 2/3) = 5/9.
     * The hit at rank 4 is outside R and does not count.
     */
    @Test
    void rPrecisionAndMapAtROfAHandSequence() {
        QueryScores s = QueryScores.of(7, new int[] {7, 3, 7, 7, 3}, 5, 3);
        assertEquals(1, s.firstMatchRank());
        assertEquals(2.0 / 3, s.rPrecision(), 1e-15);
        assertEquals(5.0 / 9, s.averagePrecisionAtR(), 1e-15);
        assertEquals(7, s.predictedLabel());
    }

    /* Neighbours 3 3 7, R = 1: first hit at rank 3, nothing within R -> RP = MAP@R = 0. */
    @Test
    void aLateFirstHit() {
        QueryScores s = QueryScores.of(7, new int[] {3, 3, 7}, 3, 1);
        assertEquals(3, s.firstMatchRank());
        assertEquals(0.0, s.rPrecision());
        assertEquals(0.0, s.averagePrecisionAtR());
        assertEquals(3, s.predictedLabel());
    }
}
