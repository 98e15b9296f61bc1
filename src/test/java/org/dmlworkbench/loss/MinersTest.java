package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.dmlworkbench.loss.distances.CosineSimilarity;
import org.dmlworkbench.loss.distances.EuclideanDistance;
import org.dmlworkbench.loss.miners.MultiSimilarityMiner;
import org.dmlworkbench.loss.miners.TripletMiner;
import org.dmlworkbench.loss.miners.TripletMiner.Mode;
import org.junit.jupiter.api.Test;

class MinersTest {

    /** A hand-made similarity matrix; labels {0, 0, 0, 1, 1, 2}. */
    static final double[][] SIMILARITIES = {
        {1.00, 0.90, 0.30, 0.35, -0.20, -0.5},
        {0.90, 1.00, 0.50, 0.10, 0.00, -0.5},
        {0.30, 0.50, 1.00, 0.25, 0.75, -0.5},
        {0.35, 0.10, 0.25, 1.00, 0.80, -0.5},
        {-0.20, 0.00, 0.75, 0.80, 1.00, -0.5},
        {-0.5, -0.5, -0.5, -0.5, -0.5, 1.00}};
    static final long[] SIX_LABELS = {0, 0, 0, 1, 1, 2};

    @Test
    void multiSimilarityMinerKeepsTheInformativePairs() {
        // epsilon 0.1, row by row (a positive is kept when S - 0.1 < hardest negative, a negative
        // when S + 0.1 > hardest positive):
        // row 0: hardest negative 0.35 keeps positive 2 (0.3) not 1 (0.9); hardest positive
        //        0.3 keeps negative 3 (0.35), not 4 (-0.2) or 5 (-0.5).
        // row 1: hardest negative 0.1 keeps no positive (0.9, 0.5); hardest positive 0.5 keeps
        //        no negative (0.1, 0, -0.5).
        // row 2: hardest negative 0.75 keeps positives 0 and 1; hardest positive 0.3 keeps
        //        negatives 3 (0.25) and 4 (0.75).
        // row 3: hardest negative 0.35 does not keep positive 4 (0.8); hardest positive 0.8
        //        keeps nothing.
        // row 4: hardest negative 0.75 keeps positive 3 (0.7 < 0.75); hardest positive 0.8
        //        keeps negative 2 (0.85 > 0.8).
        // row 5: no positive, so no negative.
        boolean[][] positives = new boolean[6][6];
        boolean[][] negatives = new boolean[6][6];
        positives[0][2] = true;
        negatives[0][3] = true;
        positives[2][0] = true;
        positives[2][1] = true;
        negatives[2][3] = true;
        negatives[2][4] = true;
        positives[4][3] = true;
        negatives[4][2] = true;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray s = LossHarness.floats(manager, SIMILARITIES);
            PairMasks mined = new MultiSimilarityMiner(0.1).mine(s, new CosineSimilarity(),
                    PairMasks.fromLabels(manager.create(SIX_LABELS)));
            assertMask(positives, mined.positive());
            assertMask(negatives, mined.negative());
            boolean[][][] reference = ReferenceLosses.msMine(SIMILARITIES, SIX_LABELS, 0.1);
            assertMask(reference[0], mined.positive());
            assertMask(reference[1], mined.negative());
        }
    }

    @Test
    void multiSimilarityMinerFlipsForDistances() {
        // d = 1 - S orders pairs exactly as S does, so the same pairs must be kept.
        double[][] distances = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                distances[i][j] = 1 - SIMILARITIES[i][j];
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            PairMasks pairs = PairMasks.fromLabels(manager.create(SIX_LABELS));
            PairMasks bySimilarity = new MultiSimilarityMiner(0.1).mine(
                    LossHarness.floats(manager, SIMILARITIES), new CosineSimilarity(), pairs);
            PairMasks byDistance = new MultiSimilarityMiner(0.1).mine(
                    LossHarness.floats(manager, distances), new EuclideanDistance(), pairs);
            assertEquals(bySimilarity.positive(), byDistance.positive());
            assertEquals(bySimilarity.negative(), byDistance.negative());
        }
    }

    @Test
    void tripletMinerSelectsByMode() {
        // Points on a line at 0, 0.5, 0.6, 1.5 (labels 0, 0, 1, 1), plain distance, margin 0.2.
        // separation d(a,n) - d(a,p) per triplet (a, p, n):
        // (0,1,2) 0.1 semi-hard   (0,1,3) 1.0 easy
        // (1,0,2) -0.4 hard       (1,0,3) 0.5 easy
        // (2,3,0) -0.3 hard       (2,3,1) -0.8 hard
        // (3,2,0) 0.6 easy        (3,2,1) 0.1 semi-hard
        double[][] points = {{0, 0}, {0.5, 0}, {0.6, 0}, {1.5, 0}};
        long[] labels = {0, 0, 1, 1};
        int[][] all = {{0, 1, 2}, {0, 1, 3}, {1, 0, 2}, {1, 0, 3}, {2, 3, 0}, {2, 3, 1},
            {3, 2, 0}, {3, 2, 1}};
        assertTriplets(points, labels, Mode.ALL, all);
        assertTriplets(points, labels, Mode.SEMI_HARD, new int[][] {{0, 1, 2}, {3, 2, 1}});
        assertTriplets(points, labels, Mode.HARD, new int[][] {{1, 0, 2}, {2, 3, 0}, {2, 3, 1}});
    }

    @Test
    void tripletModesParse() {
        assertEquals(Mode.SEMI_HARD, Mode.parse("semi-hard"));
        assertEquals(Mode.SEMI_HARD, Mode.parse("SemiHard"));
        assertEquals(Mode.HARD, Mode.parse("hard"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Mode.parse("easy"));
        assertEquals("unknown triplet mining 'easy'; valid: all, semihard, hard",
                error.getMessage());
    }

    private static void assertTriplets(double[][] points, long[] labels, Mode mode,
            int[][] expected) {
        boolean[] expectedFlat = new boolean[points.length * points.length * points.length];
        for (int[] t : expected) {
            expectedFlat[(t[0] * points.length + t[1]) * points.length + t[2]] = true;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            EuclideanDistance distance = new EuclideanDistance();
            NDArray e = LossHarness.floats(manager, points);
            NDArray kept = new TripletMiner(mode, 0.2).mine(distance.matrix(e), distance,
                    PairMasks.fromLabels(manager.create(labels)));
            assertArrayEquals(expectedFlat, kept.toBooleanArray(), mode.toString());
        }
    }

    private static void assertMask(boolean[][] expected, NDArray mask) {
        assertEquals(DataType.BOOLEAN, mask.getDataType());
        boolean[] flat = mask.toBooleanArray();
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[i][j], flat[i * expected.length + j], "pair " + i + "," + j);
            }
        }
    }
}
