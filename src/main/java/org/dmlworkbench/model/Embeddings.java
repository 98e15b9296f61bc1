package org.dmlworkbench.model;

import java.util.Arrays;

/** A row-major matrix of embeddings: {@code count} rows of {@code dim} floats. */
public final class Embeddings {

    private final float[] data;
    private final int count;
    private final int dim;

    public Embeddings(float[] data, int count, int dim) {
        if (count < 0 || dim < 1 || (long) count * dim != data.length) {
            throw new IllegalArgumentException("embedding buffer of " + data.length
                    + " floats does not hold " + count + " rows of " + dim);
        }
        this.data = data;
        this.count = count;
        this.dim = dim;
    }

    public static Embeddings of(float[][] rows) {
        int dim = rows.length == 0 ? 1 : rows[0].length;
        float[] data = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length
                        + " values, expected " + dim);
            }
            System.arraycopy(rows[i], 0, data, i * dim, dim);
        }
        return new Embeddings(data, rows.length, dim);
    }

    public int count() {
        return count;
    }

    public int dim() {
        return dim;
    }

    public float get(int row, int column) {
        return data[row * dim + column];
    }

    public float[] row(int index) {
        return Arrays.copyOfRange(data, index * dim, (index + 1) * dim);
    }

    /** The backing array (not copied): callers must not modify it. */
    public float[] data() {
        return data;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public Embeddings rows(int from, int to) {
        return new Embeddings(Arrays.copyOfRange(data, from * dim, to * dim), to - from, dim);
    }

    public Embeddings select(int[] indices) {
        float[] out = new float[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(data, indices[i] * dim, out, i * dim, dim);
        }
        return new Embeddings(out, indices.length, dim);
    }

    public double[][] toDoubleRows() {
        double[][] rows = new double[count][dim];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < dim; j++) {
                rows[i][j] = data[i * dim + j];
            }
        }
        return rows;
    }
}
