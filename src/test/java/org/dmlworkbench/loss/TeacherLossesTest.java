package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each loss on 4 hand-picked 2-D student and teacher vectors (labels 0, 0, 1, 1) against the
 * double-precision loops of {@link ReferenceAsymmetricLosses}: the value, and every gradient
 * entry with respect to the student against central differences of the reference (so the sign
 * of each entry is checked as well as its size).
 */
class TeacherLossesTest {

    private static final double[][] STUDENT = {{0.6, 0.8}, {0.9, 0.1}, {-0.5, 0.7}, {0.2, -0.9}};
    private static final double[][] TEACHER = {{0.7, 0.6}, {0.3, 0.95}, {-0.8, 0.3}, {0.1, -0.6}};
    private static final int[] LABELS = {0, 0, 1, 1};

    private record Outcome(double value, double[][] gradient) {}

    private static Outcome run(String spec, Map<String, String> params) {
        EmbeddingLoss loss = LossFactory.create(spec, params);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray student = manager.create(toFloats(STUDENT));
            NDArray teacher = manager.create(toFloats(TEACHER));
            NDArray labels = manager.create(new long[] {0, 0, 1, 1});
            student.setRequiresGradient(true);
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray result = loss.compute(student, labels, null, teacher);
                value = result.getFloat();
                collector.backward(result);
            }
            float[] flat = student.getGradient().toFloatArray();
            double[][] gradient = new double[STUDENT.length][2];
            for (int i = 0; i < flat.length; i++) {
                gradient[i / 2][i % 2] = flat[i];
            }
            return new Outcome(value, gradient);
        }
    }

    private static float[][] toFloats(double[][] rows) {
        float[][] out = new float[rows.length][rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = (float) rows[i][j];
            }
        }
        return out;
    }

    private static void check(String spec, Map<String, String> params,
            ReferenceAsymmetricLosses.Fn reference) {
        Outcome outcome = run(spec, params);
        double expected = reference.value(STUDENT);
        assertTrue(expected > 0, spec + ": the hand case must exercise the loss");
        assertEquals(expected, outcome.value(), 1e-4 * Math.max(1, expected), spec + " value");
        double[][] numeric = ReferenceAsymmetricLosses.numericGradient(reference, STUDENT);
        boolean anyNonZero = false;
        for (int i = 0; i < numeric.length; i++) {
            for (int d = 0; d < numeric[i].length; d++) {
                assertEquals(numeric[i][d], outcome.gradient()[i][d], 2e-3 * Math.max(1,
                        Math.abs(numeric[i][d])), spec + " gradient [" + i + "][" + d + "]");
                if (Math.abs(numeric[i][d]) > 1e-3) {
                    anyNonZero = true;
                    assertEquals(Math.signum(numeric[i][d]), Math.signum(outcome.gradient()[i][d]),
                            spec + " gradient sign [" + i + "][" + d + "]");
                }
            }
        }
        assertTrue(anyNonZero, spec + ": the hand case must give the student a gradient");
    }

    @Test
    void regressionPullsEachStudentVectorToItsTeacherVector() {
        check("asym-reg", Map.of(), s -> ReferenceAsymmetricLosses.reg(s, TEACHER));
        // d/ds_0 of 0.5 ||s_0 - t_0||^2 / 4 = (s_0 - t_0) / 4: positive in x (0.6 < 0.7 gives -).
        Outcome outcome = run("asym-reg", Map.of());
        assertEquals((0.6 - 0.7) / 4, outcome.gradient()[0][0], 1e-6);
    }

    @Test
    void contrastiveWithMarginActiveOnSomeNegatives() {
        check("asym-contr", Map.of("asym-contr.margin", "1.5"),
                s -> ReferenceAsymmetricLosses.contr(s, TEACHER, LABELS, 1.5, 5, false));
    }

    @Test
    void contrastivePlusCountsTheOwnTeacherVectorAsOnePositiveOfTheTuple() {
        check("asym-contr+", Map.of("asym-contr+.margin", "1.5"),
                s -> ReferenceAsymmetricLosses.contr(s, TEACHER, LABELS, 1.5, 5, true));
        // every query here has a positive, so both losses form the same 4 tuples and Contr+
        // minus Contr is the mean own-positive term, i.e. Reg: one term per tuple, not a
        // regression that outweighs the tuple
        double difference = run("asym-contr+", Map.of()).value() - run("asym-contr", Map.of()).value();
        assertEquals(ReferenceAsymmetricLosses.reg(STUDENT, TEACHER), difference, 1e-5);
    }

    /**
     * Points on a line, worked by hand (margin 1): labels 0 0 1 1 2, teacher x = 0, 0.2, 0.25,
     * 0.3, 0.7, students x = 0, 0.2, 0.3, 0.25, 0.7. Query 1 (x 0.2) has its two nearest
     * negatives in class 1 (0.05, 0.1): the miner takes one per class, 0.05 and then
     * class 2's 0.5. Tuples (positive + mined negatives, N = 1 / N = 2):
     * q0 0.02 + 0.28125 / + 0.045; q1 0.02 + 0.45125 / + 0.125; q2 0 + 0.405 / + 0.18;
     * q3 0 + 0.45125 / + 0.15125; q4 has no positive and forms no tuple in Contr.
     * Contr+ adds 0.5 d(s_i, t_i)^2 (0, 0, 0.00125, 0.00125, 0) and q4's tuple 0.125 + 0.18.
     */
    @Test
    void negativesAreMinedNearestFirstOnePerClass() {
        double[][] teacher = {{0, 0}, {0.2, 0}, {0.25, 0}, {0.3, 0}, {0.7, 0}};
        double[][] student = {{0, 0}, {0.2, 0}, {0.3, 0}, {0.25, 0}, {0.7, 0}};
        int[] labels = {0, 0, 1, 1, 2};
        assertEquals(1.62875 / 4, value(student, teacher, labels, "asym-contr", 1), 1e-5);
        assertEquals(2.13 / 4, value(student, teacher, labels, "asym-contr", 2), 1e-5);
        assertEquals(2.4375 / 5, value(student, teacher, labels, "asym-contr+", 2), 1e-5);
        // the reference loops agree on this case too
        assertEquals(ReferenceAsymmetricLosses.contr(student, teacher, labels, 1, 2, false),
                value(student, teacher, labels, "asym-contr", 2), 1e-5);
    }

    private static double value(double[][] student, double[][] teacher, int[] labels,
            String name, int negatives) {
        EmbeddingLoss loss = LossFactory.create(name, Map.of(name + ".margin", "1",
                name + ".negatives", String.valueOf(negatives)));
        try (NDManager manager = NDManager.newBaseManager()) {
            long[] longLabels = java.util.Arrays.stream(labels).asLongStream().toArray();
            return loss.compute(manager.create(toFloats(student)), manager.create(longLabels), null,
                    manager.create(toFloats(teacher))).getFloat();
        }
    }

    @Test
    void negativesMustBeAWholeNumber() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("asym-contr", Map.of("asym-contr.negatives", "2.5")));
        assertTrue(bad.getMessage().contains("asym-contr.negatives"), bad.getMessage());
    }

    @Test
    void tripletOverAllValidTriplets() {
        check("asym-triplet", Map.of("asym-triplet.margin", "0.5"),
                s -> ReferenceAsymmetricLosses.triplet(s, TEACHER, LABELS, 0.5));
    }

    @Test
    void multiSimilarityOnTheAsymmetricSimilarityMatrix() {
        check("asym-ms", Map.of("asym-ms.beta", "10"),
                s -> ReferenceAsymmetricLosses.ms(s, TEACHER, LABELS, 2, 10, 0.5));
    }

    @Test
    void relationalDistanceAndAngle() {
        check("rkd", Map.of(), s -> ReferenceAsymmetricLosses.rkd(s, TEACHER, 1, 2));
        check("rkd", Map.of("rkd.angle-weight", "0"),
                s -> ReferenceAsymmetricLosses.rkd(s, TEACHER, 1, 0));
    }

    @Test
    void darkRankListwise() {
        check("darkrank", Map.of("darkrank.alpha", "1", "darkrank.beta", "2"),
                s -> ReferenceAsymmetricLosses.darkrank(s, TEACHER, 1, 2));
    }

    @Test
    void weightedSumsAddTheirTerms() {
        check("asym-contr:1,rkd:0.5", Map.of(),
                s -> ReferenceAsymmetricLosses.contr(s, TEACHER, LABELS, 0.7, 5, false)
                        + 0.5 * ReferenceAsymmetricLosses.rkd(s, TEACHER, 1, 2));
        check("asym-contr++darkrank", Map.of(),
                s -> ReferenceAsymmetricLosses.contr(s, TEACHER, LABELS, 0.7, 5, true)
                        + ReferenceAsymmetricLosses.darkrank(s, TEACHER, 3, 3));
    }

    @Test
    void parserNamesWhatIsWrong() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("asym-foo", Map.of()));
        assertTrue(unknown.getMessage().contains("asym-foo")
                && unknown.getMessage().contains("asym-contr+"), unknown.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("asym-reg", Map.of("rkd.alpha", "1")));
        assertTrue(key.getMessage().contains("rkd.alpha"), key.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("asym-contr", Map.of("asym-contr.margin", "-1")));
        assertEquals(2, LossFactory.parse("asym-contr+rkd", Map.of()).terms().size());
        assertEquals(LossKind.ASYM_CONTR_PLUS,
                LossFactory.parse("asym-contr+", Map.of()).terms().get(0).kind());
    }
}
