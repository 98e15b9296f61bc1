package org.dmlworkbench.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.dmlworkbench.neighbours.ExactKnn.Scoring;
import org.dmlworkbench.store.StoreVectors;
import org.junit.jupiter.api.Test;

class ExactKnnTest {

    /** Each query's neighbours as found, by query. */
    private static int[][] run(ExactKnn knn, float[] queries, int queryCount,
            IntUnaryOperator wanted) {
        int[][] found = new int[queryCount][];
        knn.search(queries, queryCount, wanted,
                (query, nearest, count) -> found[query] = Arrays.copyOf(nearest, count),
                (done, total) -> { });
        return found;
    }

    /** The reference answer: every distance in double, sorted by (distance, index). */
    private static int[] bruteForce(float[] queries, int query, float[] reference, int count,
            int dim, int k, boolean excludeSelf) {
        double[] distance = new double[count];
        for (int j = 0; j < count; j++) {
            double sum = 0;
            for (int d = 0; d < dim; d++) {
                double t = (double) queries[query * dim + d] - reference[j * dim + d];
                sum += t * t;
            }
            distance[j] = sum;
        }
        return IntStream.range(0, count).filter(j -> !(excludeSelf && j == query)).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> distance[j])
                        .thenComparingInt(j -> j))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Rows on a coarse grid (multiples of 0.5), with every tenth row a copy of an earlier one:
     * equal distances occur often, and every score is exact in float, so the answer is exact.
     */
    private static float[] gridRows(Random random, int count, int dim) {
        float[] rows = new float[count * dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Math.round(random.nextGaussian() * 2) / 2f;
        }
        for (int i = 10; i < count; i += 10) {
            System.arraycopy(rows, random.nextInt(i) * dim, rows, i * dim, dim);
        }
        return rows;
    }

    @Test
    void pointsOnALineByHand() {
        float[] line = {0, 1, 3, 6, 10};
        for (Scoring scoring : Scoring.values()) {
            ExactKnn knn = ExactKnn.over(ReferenceRows.of(line, 5, 1)).scoredBy(scoring);
            // 2 is as far from 1 as from 3: the lower index (row 1, the point 1) comes first.
            assertArrayEquals(new int[][] {{1, 2, 0, 3}},
                    run(knn, new float[] {2}, 1, q -> 4), scoring.name());
            // Point 3 is 3 from both 0 and 6: row 0 before row 3.
            assertArrayEquals(new int[][] {{1, 2}, {0, 2}, {1, 0}, {2, 4}, {3, 2}},
                    run(knn.excludingSelf(true), line, 5, q -> 2), scoring.name());
            // Asking for more than there are gives all of them, less the query itself.
            assertArrayEquals(new int[][] {{1, 2, 3, 4}, {0, 2, 3, 4}, {1, 0, 3, 4},
                    {2, 4, 1, 0}, {3, 2, 1, 0}},
                    run(knn.excludingSelf(true), line, 5, q -> 9), scoring.name());
        }
    }

    @Test
    void matchesABruteForceInDoubleWithTiesDuplicatesAndPerQueryK() {
        int count = 1_300;
        int dim = 12;
        Random random = new Random(17);
        float[] reference = gridRows(random, count, dim);
        float[] queries = gridRows(random, 150, dim);
        System.arraycopy(reference, 40 * dim, queries, 3 * dim, dim); // a query on a reference
        IntUnaryOperator wanted = q -> q % 7 == 0 ? 0 : q % 11 == 0 ? 2_000 : 1 + q % 40;
        for (Scoring scoring : Scoring.values()) {
            for (ReferenceRows rows : List.of(ReferenceRows.of(reference, count, dim),
                    StoreVectors.of(reference, count, dim))) {
                // The store's vectors are read by copying blocks of rows, as from its mapped file.
                for (int block : new int[] {0, 7}) {
                    ExactKnn knn = ExactKnn.over(rows).scoredBy(scoring).inBlocksOf(block);
                    int[][] found = run(knn, queries, 150, wanted);
                    for (int q = 0; q < 150; q++) {
                        String where = scoring + " block " + block + " query " + q;
                        if (wanted.applyAsInt(q) == 0) {
                            assertEquals(null, found[q], where);
                        } else {
                            assertArrayEquals(bruteForce(queries, q, reference, count, dim,
                                    wanted.applyAsInt(q), false), found[q], where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void leavesEachQueryOutOfItsOwnNeighboursButKeepsItsDuplicates() {
        int count = 700;
        int dim = 5;
        float[] rows = gridRows(new Random(5), count, dim);
        for (Scoring scoring : Scoring.values()) {
            ExactKnn knn = ExactKnn.over(ReferenceRows.of(rows, count, dim)).scoredBy(scoring)
                    .excludingSelf(true).inBlocksOf(64);
            int[][] found = run(knn, rows, count, q -> q == 9 ? count + 5 : 6);
            for (int q = 0; q < count; q++) {
                int k = q == 9 ? count + 5 : 6;
                assertArrayEquals(bruteForce(rows, q, rows, count, dim, k, true), found[q],
                        scoring + " query " + q);
            }
            assertEquals(count - 1, found[9].length);
            // Row 10 is a copy of an earlier row, which therefore finds it at distance 0 first.
            int original = IntStream.range(0, 10).filter(i -> Arrays.equals(
                    Arrays.copyOfRange(rows, i * dim, i * dim + dim),
                    Arrays.copyOfRange(rows, 10 * dim, 11 * dim))).findFirst().orElseThrow();
            assertEquals(10, found[original][0]);
        }
    }

    @Test
    void bothScoringsFindTheSameNeighboursOnWellSeparatedData() {
        int clusters = 150;
        int size = 11;
        int dim = 16;
        int count = clusters * size;
        Random random = new Random(23);
        float[] rows = new float[count * dim];
        for (int c = 0; c < clusters; c++) {
            float[] centre = new float[dim];
            for (int d = 0; d < dim; d++) {
                centre[d] = (float) (random.nextGaussian() * 50);
            }
            for (int i = c * size; i < (c + 1) * size; i++) {
                for (int d = 0; d < dim; d++) {
                    rows[i * dim + d] = centre[d] + (float) (random.nextGaussian() * 0.5);
                }
            }
        }
        ExactKnn knn = ExactKnn.over(ReferenceRows.of(rows, count, dim)).excludingSelf(true);
        int[][] differences = run(knn, rows, count, q -> size - 1);
        int[][] product = run(knn.scoredBy(Scoring.MATRIX_PRODUCT), rows, count, q -> size - 1);
        for (int q = 0; q < count; q++) {
            int self = q;
            int first = q / size * size;
            int[] mates = IntStream.range(first, first + size).filter(j -> j != self).toArray();
            int[] bySet = differences[q].clone();
            Arrays.sort(bySet);
            assertArrayEquals(mates, bySet, "differences, query " + q);
            bySet = product[q].clone();
            Arrays.sort(bySet);
            assertArrayEquals(mates, bySet, "matrix product, query " + q);
        }
    }

    @Test
    void reportsEachBlockAndStopsWhenTheCallbackThrows() {
        float[] rows = gridRows(new Random(2), 100, 3);
        ExactKnn knn = ExactKnn.over(ReferenceRows.of(rows, 100, 3)).inBlocksOf(30);
        List<Integer> done = new ArrayList<>();
        knn.search(rows, 100, q -> 1, (q, nearest, count) -> { },
                (queries, total) -> done.add(queries * 1000 + total));
        assertEquals(List.of(30_100, 60_100, 90_100, 100_100), done);

        int[] answered = new int[1];
        IllegalStateException stop = assertThrows(IllegalStateException.class,
                () -> knn.search(rows, 100, q -> 1,
                        (q, nearest, count) -> {
                            synchronized (answered) {
                                answered[0]++;
                            }
                        },
                        (queries, total) -> {
                            throw new IllegalStateException("cancelled");
                        }));
        assertEquals("cancelled", stop.getMessage());
        assertEquals(30, answered[0]);
    }

    @Test
    void refusesQueriesOfTheWrongSize() {
        ExactKnn knn = ExactKnn.over(ReferenceRows.of(new float[6], 3, 2));
        assertThrows(IllegalArgumentException.class,
                () -> knn.search(new float[3], 2, 1, (q, nearest, count) -> { }));
        assertThrows(IllegalArgumentException.class,
                () -> knn.search(new float[4], 2, -1, (q, nearest, count) -> { }));
        assertThrows(IllegalArgumentException.class, () -> ReferenceRows.of(new float[5], 3, 2));
    }
}
