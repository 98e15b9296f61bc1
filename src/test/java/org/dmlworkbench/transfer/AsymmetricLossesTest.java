package org.dmlworkbench.transfer;

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
class AsymmetricLossesTest {

    private static final double[][] STUDENT = {{0.6, 0.8}, {0.9, 0.1}, {-0.5, 0.7}, {0.2, -0.9}};
    private static final double[][] TEACHER = {{0.7, 0.6}, {0.3, 0.95}, {-0.8, 0.3}, {0.1, -0.6}};
    private static final int[] LABELS = {0, 0, 1, 1};

    private record Outcome(double value, double[][] gradient) {}

    private static Outcome run(String spec, Map<String, String> params) {
        AsymmetricLoss loss = AsymmetricLossFactory.parse(spec, params).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray student = manager.create(toFloats(STUDENT));
            NDArray teacher = manager.create(toFloats(TEACHER));
            NDArray labels = manager.create(new long[] {0, 0, 1, 1});
            student.setRequiresGradient(true);
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray result = loss.compute(student, teacher, labels);
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
                s -> ReferenceAsymmetricLosses.contr(s, TEACHER, LABELS, 1.5));
    }

    @Test
    void contrastivePlusIsContrastivePlusRegression() {
        check("asym-contr+", Map.of("asym-contr+.margin", "1.5"),
                s -> ReferenceAsymmetricLosses.contr(s, TEACHER, LABELS, 1.5)
                        + ReferenceAsymmetricLosses.reg(s, TEACHER));
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
                s -> ReferenceAsymmetricLosses.contr(s, TEACHER, LABELS, 0.7)
                        + 0.5 * ReferenceAsymmetricLosses.rkd(s, TEACHER, 1, 2));
        check("asym-contr++darkrank", Map.of(),
                s -> ReferenceAsymmetricLosses.contr(s, TEACHER, LABELS, 0.7)
                        + ReferenceAsymmetricLosses.reg(s, TEACHER)
                        + ReferenceAsymmetricLosses.darkrank(s, TEACHER, 3, 3));
    }

    @Test
    void parserNamesWhatIsWrong() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> AsymmetricLossFactory.parse("asym-foo", Map.of()));
        assertTrue(unknown.getMessage().contains("asym-foo")
                && unknown.getMessage().contains("asym-contr+"), unknown.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> AsymmetricLossFactory.parse("asym-reg", Map.of("rkd.alpha", "1")));
        assertTrue(key.getMessage().contains("rkd.alpha"), key.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AsymmetricLossFactory.parse("asym-contr", Map.of("asym-contr.margin", "-1")));
        assertEquals(2, AsymmetricLossFactory.parse("asym-contr+rkd", Map.of()).terms().size());
        assertEquals(AsymmetricLossKind.CONTR_PLUS,
                AsymmetricLossFactory.parse("asym-contr+", Map.of()).terms().get(0).kind());
    }
}
