package org.dmlworkbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetrievalEvaluatorTest {

    private static final double EPS = 1e-12;
    private static final RetrievalEvaluator NO_CLUSTERING = new RetrievalEvaluator(
            RetrievalEvaluator.Options.defaults().withClustering(false));

    /** Points (x, 0); A = 0, B = 1. */
    private static Embeddings onLine(float... xs) {
        float[][] rows = new float[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            rows[i] = new float[] {xs[i], 0};
        }
        return Embeddings.of(rows);
    }

    /*
     * Six points on a line: index:x(label) = 0:0(A) 1:1(A) 2:2(B) 3:3(A) 4:5(B) 5:6(B).
     * Each class has 3 items, so R = 2 for every query. Neighbours, self removed, ties to the
     * lower index:
     *   q0: 1A 2B 3A 4B 5B           P@1 1, top2 A,B -> RP 1/2, MAP (1/2)(1/1) = 1/2, first hit 1
     *   q1: 0A(d1) 2B(d1) 3A 4B 5B   (tie 0 vs 2 -> 0 first) P@1 1, RP 1/2, MAP 1/2, first 1
     *   q2: 1A(d1) 3A(d1) 0A 4B 5B   P@1 0, RP 0, MAP 0, first hit 4
     *   q3: 2B(d1) 1A(d2) 4B(d2) 0A 5B  (tie 1 vs 4 -> 1 first) P@1 0, RP 1/2,
     *       MAP (1/2)(P@2 = 1/2) = 1/4, first hit 2
     *   q4: 5B 3A 2B 1A 0A           P@1 1, RP 1/2, MAP 1/2, first 1
     *   q5: 4B 3A 2B 1A 0A           P@1 1, RP 1/2, MAP 1/2, first 1
     * P@1 = 4/6; R@2 = 5/6; R@4 = R@8 = 1 (only 5 neighbours exist, q2's hit is 4th);
     * R-Precision = 2.5/6; MAP@R = 2.25/6.
     * 1-NN predictions A A A B B B vs truth A A B A B B: A has TP 2, FP 1 (q2), FN 1 (q3) ->
     * F1 = 4/6; B has TP 2, FP 1, FN 1 -> 4/6; macro F1 = 2/3.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4})
    void sixPointsOnALineMatchTheHandComputation(int blockSize) {
        Embeddings points = onLine(0, 1, 2, 3, 5, 6);
        int[] labels = {0, 0, 1, 0, 1, 1};
        RetrievalEvaluator evaluator = new RetrievalEvaluator(RetrievalEvaluator.Options
                .defaults().withClustering(false).withBlockSize(blockSize));

        RetrievalMetrics m = evaluator.evaluate(points, labels);

        assertEquals(4.0 / 6, m.precisionAt1(), EPS);
        assertEquals(4.0 / 6, m.recallAtK().get(1), EPS);
        assertEquals(5.0 / 6, m.recallAtK().get(2), EPS);
        assertEquals(1.0, m.recallAtK().get(4), EPS);
        assertEquals(1.0, m.recallAtK().get(8), EPS);
        assertEquals(2.5 / 6, m.rPrecision(), EPS);
        assertEquals(2.25 / 6, m.mapAtR(), EPS);
        assertEquals(2.0 / 3, m.f1Macro(), EPS);
        assertEquals(6, m.queryCount());
        assertEquals(0, m.droppedQueries());
        assertTrue(Double.isNaN(m.nmi()) && Double.isNaN(m.ami()), "clustering was off");
    }

    /*
     * The same six points plus a lone class-C point at x = 10 (index 6). Its R is 0, so it is
     * dropped; it sits farther from everyone than their own class-mates' first hits and R
     * windows (q5 = x6: 4B d1, 3A d3, then 2B d4 ties with 6C d4 and the lower index 2 wins), so
     * the six other queries score exactly as above.
     */
    @Test
    void aQueryWhoseClassHasNoOtherItemIsDropped() {
        Embeddings points = onLine(0, 1, 2, 3, 5, 6, 10);
        int[] labels = {0, 0, 1, 0, 1, 1, 2};

        RetrievalMetrics m = NO_CLUSTERING.evaluate(points, labels);

        assertEquals(7, m.queryCount());
        assertEquals(1, m.droppedQueries());
        assertEquals(6, m.scoredQueries());
        assertEquals(4.0 / 6, m.precisionAt1(), EPS);
        assertEquals(5.0 / 6, m.recallAtK().get(2), EPS);
        assertEquals(2.5 / 6, m.rPrecision(), EPS);
        assertEquals(2.25 / 6, m.mapAtR(), EPS);
        assertEquals(2.0 / 3, m.f1Macro(), EPS);
    }

    /*
     * Gallery r0:0(A) r1:1(A) r2:4(B) r3:5(B) r4:9(C); queries q0:0(A) q1:3(B) q2:8(A) q3:7(D).
     * Nothing is excluded: q0 coincides with r0 and must find it at distance 0.
     *   q0 (R=2): r0A r1A r2B r3B r4C      P@1 1, RP 1, MAP (1/2)(1 + 2/2) = 1
     *   q1 (R=2): r2B(d1) r1A(d2) r3B(d2) (tie -> r1) r0A r4C   P@1 1, RP 1/2, MAP 1/2
     *   q2 (R=2): r4C r3B r2B r1A r0A      P@1 0, RP 0, MAP 0, first hit 4
     *   q3: label D is not in the gallery -> dropped
     * P@1 = 2/3, R@2 = 2/3, R@4 = 1, RP = 1.5/3, MAP = 1.5/3.
     * 1-NN: truth A B A, predicted A B C -> F1(A) = 2/(2+0+1) = 2/3, F1(B) = 1, F1(C) = 0
     * (predicted, never true) -> macro (2/3 + 1 + 0)/3 = 5/9 (sklearn gives 0.5555...).
     */
    @Test
    void separateQueriesAgainstAGalleryKeepIdenticalItems() {
        Embeddings gallery = onLine(0, 1, 4, 5, 9);
        int[] galleryLabels = {0, 0, 1, 1, 2};
        Embeddings queries = onLine(0, 3, 8, 7);
        int[] queryLabels = {0, 1, 0, 3};

        RetrievalMetrics m = NO_CLUSTERING.evaluate(queries, queryLabels, gallery,
                galleryLabels, false, ProgressListener.NONE, Cancellation.none());

        assertEquals(4, m.queryCount());
        assertEquals(1, m.droppedQueries());
        assertEquals(2.0 / 3, m.precisionAt1(), EPS);
        assertEquals(2.0 / 3, m.recallAtK().get(2), EPS);
        assertEquals(1.0, m.recallAtK().get(4), EPS);
        assertEquals(0.5, m.rPrecision(), EPS);
        assertEquals(0.5, m.mapAtR(), EPS);
        assertEquals(5.0 / 9, m.f1Macro(), EPS);
    }

    /*
     * Two identical points of class A (indices 0 and 1) and one B far away. Self-exclusion
     * removes each query's own index only, so q0's nearest is its duplicate q1 (distance 0):
     * P@1 of the A queries = 1; the B query has R = 0 and is dropped.
     */
    @Test
    void selfExclusionRemovesTheOwnIndexButKeepsADuplicate() {
        Embeddings points = onLine(2, 2, 9);
        int[] labels = {0, 0, 1};

        RetrievalMetrics m = NO_CLUSTERING.evaluate(points, labels);

        assertEquals(1, m.droppedQueries());
        assertEquals(1.0, m.precisionAt1(), EPS);
        assertEquals(1.0, m.mapAtR(), EPS);
    }

    /*
     * A query at x=0 (A) against a gallery holding one B and one A, both at distance 1. Lower
     * index first: with B at index 0 the nearest is B (P@1 = 0); with A at index 0 it is A
     * (P@1 = 1).
     */
    @Test
    void tiesRankTheLowerIndexFirst() {
        RetrievalEvaluator evaluator = new RetrievalEvaluator(
                RetrievalEvaluator.Options.defaults().withClustering(false).withKs(1));
        Embeddings query = onLine(0);
        RetrievalMetrics bFirst = evaluator.evaluate(query, new int[] {0}, onLine(1, -1),
                new int[] {1, 0}, false, ProgressListener.NONE, Cancellation.none());
        RetrievalMetrics aFirst = evaluator.evaluate(query, new int[] {0}, onLine(-1, 1),
                new int[] {0, 1}, false, ProgressListener.NONE, Cancellation.none());

        assertEquals(0.0, bFirst.precisionAt1(), EPS);
        assertEquals(1.0, aFirst.precisionAt1(), EPS);
    }

    /**
     * Against an independent brute force in exact integer arithmetic on lattice points (many
     * ties), with blocks smaller than the query count and R large enough to use the radix path.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void agreesWithBruteForceOnTieHeavyLatticeData(boolean queriesAreReference) {
        java.util.Random random = new java.util.Random(11);
        int dim = 3;
        int[] classSizes = {60, 45, 30, 8, 1};
        Embeddings reference = latticePoints(random, classSizes, dim);
        int[] referenceLabels = labelsFor(classSizes);
        Embeddings queries = queriesAreReference ? reference
                : latticePoints(random, new int[] {20, 15, 10, 5, 3}, dim);
        int[] queryLabels = queriesAreReference ? referenceLabels
                : labelsFor(new int[] {20, 15, 10, 5, 3});
        RetrievalEvaluator evaluator = new RetrievalEvaluator(RetrievalEvaluator.Options
                .defaults().withClustering(false).withBlockSize(17).withKs(1, 3, 10));

        RetrievalMetrics m = evaluator.evaluate(queries, queryLabels, reference,
                referenceLabels, queriesAreReference, ProgressListener.NONE,
                Cancellation.none());
        BruteForceMetrics expected = BruteForceMetrics.compute(queries, queryLabels, reference,
                referenceLabels, queriesAreReference, new int[] {1, 3, 10});

        assertEquals(expected.dropped, m.droppedQueries());
        assertEquals(expected.precisionAt1, m.precisionAt1(), 1e-12);
        assertEquals(expected.recall[0], m.recallAtK().get(1), 1e-12);
        assertEquals(expected.recall[1], m.recallAtK().get(3), 1e-12);
        assertEquals(expected.recall[2], m.recallAtK().get(10), 1e-12);
        assertEquals(expected.rPrecision, m.rPrecision(), 1e-12);
        assertEquals(expected.mapAtR, m.mapAtR(), 1e-12);
        assertEquals(expected.f1, m.f1Macro(), 1e-12);
    }

    private static Embeddings latticePoints(java.util.Random random, int[] classSizes, int dim) {
        List<float[]> rows = new ArrayList<>();
        for (int c = 0; c < classSizes.length; c++) {
            for (int i = 0; i < classSizes[c]; i++) {
                float[] row = new float[dim];
                for (int j = 0; j < dim; j++) {
                    row[j] = (j == 0 ? 3 * c : 0) + random.nextInt(5) - 2;
                }
                rows.add(row);
            }
        }
        return Embeddings.of(rows.toArray(new float[0][]));
    }

    private static int[] labelsFor(int[] classSizes) {
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classSizes.length; c++) {
            for (int i = 0; i < classSizes[c]; i++) {
                labels.add(c);
            }
        }
        return labels.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void wellSeparatedClustersGiveNmiAndAmiOfOne() {
        java.util.Random random = new java.util.Random(5);
        int perClass = 40;
        float[][] rows = new float[3 * perClass][];
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = i % 3;
            rows[i] = new float[] {labels[i] * 100 + (float) random.nextGaussian(),
                    (float) random.nextGaussian(), -labels[i] * 50 + (float) random.nextGaussian()};
        }

        RetrievalMetrics m = new RetrievalEvaluator().evaluate(Embeddings.of(rows), labels);

        assertEquals(1.0, m.nmi(), 1e-9);
        assertEquals(1.0, m.ami(), 1e-9);
        assertEquals(1.0, m.precisionAt1(), EPS);
    }

    @Test
    void jsonMapUsesTheCommandsKeys() {
        RetrievalMetrics m = NO_CLUSTERING.evaluate(onLine(0, 1, 2, 3, 5, 6),
                new int[] {0, 0, 1, 0, 1, 1});

        Map<String, Object> json = m.toJsonMap();

        assertEquals(List.of("precision_at_1", "recall_at_k", "r_precision", "map_at_r", "f1",
                "query_count", "dropped_queries"), new ArrayList<>(json.keySet()),
                "nmi/ami are NaN (clustering off) and left out");
        @SuppressWarnings("unchecked")
        Map<String, Object> recall = (Map<String, Object>) json.get("recall_at_k");
        assertEquals(List.of("1", "2", "4", "8"), new ArrayList<>(recall.keySet()));
        assertEquals(5.0 / 6, (Double) recall.get("2"), EPS);
        String text = new com.google.gson.Gson().toJson(json);
        assertTrue(text.contains("\"recall_at_k\":{\"1\":"), text);
        assertFalse(text.contains("NaN"), text);
    }

    @Test
    void badInputIsNamed() {
        Embeddings points = onLine(0, 1, 2);
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> NO_CLUSTERING.evaluate(points, new int[] {0, 1}));
        assertTrue(labels.getMessage().contains("3 embeddings but 2 labels"),
                labels.getMessage());

        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> NO_CLUSTERING.evaluate(onLine(0, Float.NaN, 2), new int[] {0, 0, 1}));
        assertTrue(nan.getMessage().contains("embedding 1"), nan.getMessage());

        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                () -> NO_CLUSTERING.evaluate(points, new int[] {0, 0, 1},
                        Embeddings.of(new float[][] {{1, 2, 3}}), new int[] {0}, false,
                        ProgressListener.NONE, Cancellation.none()));
        assertTrue(dims.getMessage().contains("dimensions"), dims.getMessage());

        IllegalArgumentException notSame = assertThrows(IllegalArgumentException.class,
                () -> NO_CLUSTERING.evaluate(points, new int[] {0, 0, 1}, onLine(0, 1, 3),
                        new int[] {0, 0, 1}, true, ProgressListener.NONE,
                        Cancellation.none()));
        assertTrue(notSame.getMessage().contains("queriesAreReference"), notSame.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> RetrievalEvaluator.Options.defaults().withKs(0, 1));
    }

    @Test
    void reportsProgressPerBlockAndStopsWhenCancelled() {
        Embeddings points = onLine(0, 1, 2, 3, 5, 6);
        int[] labels = {0, 0, 1, 0, 1, 1};
        RetrievalEvaluator evaluator = new RetrievalEvaluator(RetrievalEvaluator.Options
                .defaults().withClustering(false).withBlockSize(2));
        List<Long> done = new ArrayList<>();
        evaluator.evaluate(points, labels, points, labels, true,
                (task, d, total, unit) -> done.add(d), Cancellation.none());
        assertEquals(List.of(2L, 4L, 6L), done);

        Cancellation cancel = new Cancellation();
        assertThrows(CancelledException.class, () -> evaluator.evaluate(points, labels, points,
                labels, true, (task, d, total, unit) -> cancel.cancel(), cancel));
    }

    @Test
    void automaticBlockSizeBoundsTheScoreMatrix() {
        assertEquals(279, RetrievalEvaluator.blockSizeFor(60_000, 60_000));
        assertEquals(10, RetrievalEvaluator.blockSizeFor(100, 10));
        assertTrue((long) RetrievalEvaluator.blockSizeFor(60_000, 60_000) * 60_000
                <= RetrievalEvaluator.AUTO_BLOCK_SCORES);
        assertEquals(1, RetrievalEvaluator.blockSizeFor(100_000_000, 5));
    }
}
