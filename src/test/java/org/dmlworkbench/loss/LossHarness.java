package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.Random;

/** Runs a loss on plain arrays, with or without gradients, inside the caller's manager. */
final class LossHarness {

    /** Loss value and gradients (null when not requested). */
    record Result(double loss, double[][] embeddingGradient, double[][] logitGradient) {
    }

    private LossHarness() {
    }

    static NDArray floats(NDManager manager, double[][] rows) {
        float[][] values = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            values[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                values[i][j] = (float) rows[i][j];
            }
        }
        return manager.create(values);
    }

    static double[][] toDoubles(NDArray matrix) {
        int rows = (int) matrix.getShape().get(0);
        int columns = (int) matrix.getShape().get(1);
        float[] flat = matrix.toFloatArray();
        double[][] values = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[i][j] = flat[i * columns + j];
            }
        }
        return values;
    }

    /** Rounds to float32, so the reference sees exactly the inputs the NDArray code sees. */
    static double[][] asFloat(double[][] rows) {
        double[][] rounded = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            rounded[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                rounded[i][j] = (float) rows[i][j];
            }
        }
        return rounded;
    }

    /** Seeded Gaussian rows scaled to unit length, rounded to float32. */
    static double[][] unitRows(long seed, int count, int dim) {
        Random random = new Random(seed);
        double[][] rows = new double[count][dim];
        for (double[] row : rows) {
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                row[k] = random.nextGaussian();
                norm += row[k] * row[k];
            }
            for (int k = 0; k < dim; k++) {
                row[k] /= Math.sqrt(norm);
            }
        }
        return asFloat(rows);
    }

    static double value(EmbeddingLoss loss, double[][] embeddings, long[] labels,
            double[][] logits) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray result = loss.compute(floats(manager, embeddings), manager.create(labels),
                    logits == null ? null : floats(manager, logits));
            checkScalar(result);
            return result.getFloat();
        }
    }

    private static void checkScalar(NDArray result) {
        assertTrue(result.getShape().isScalar(), "loss must be a scalar, got "
                + result.getShape());
        assertEquals(DataType.FLOAT32, result.getDataType(), "loss must stay float32");
    }

    static Result withGradients(EmbeddingLoss loss, double[][] embeddings, long[] labels,
            double[][] logits) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray e = floats(manager, embeddings);
            e.setRequiresGradient(true);
            NDArray z = null;
            if (logits != null) {
                z = floats(manager, logits);
                z.setRequiresGradient(true);
            }
            double value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray result = loss.compute(e, manager.create(labels), z);
                checkScalar(result);
                value = result.getFloat();
                collector.backward(result);
            }
            return new Result(value, toDoubles(e.getGradient()),
                    z == null ? null : toDoubles(z.getGradient()));
        }
    }

    /** x - step * g / max|g|: a step of at most {@code step} per coordinate against g. */
    static double[][] descend(double[][] x, double[][] g, double step) {
        double largest = 0;
        for (double[] row : g) {
            for (double v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        assertTrue(largest > 0, "expected a non-zero gradient");
        double[][] moved = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            moved[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                moved[i][j] = x[i][j] - step * g[i][j] / largest;
            }
        }
        return asFloat(moved);
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(sum);
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }

    static boolean allFinite(double[][] values) {
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
