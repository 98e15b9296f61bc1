package org.dmlworkbench.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.dmlworkbench.model.Embeddings;

/**
 * Scores blocks of queries against every reference item with one matrix product per block:
 * score(q, r) = |r|^2 - 2 q.r, which is the squared L2 distance minus |q|^2, a constant per row,
 * so it orders each row's references exactly as the squared distance does. Both sides carry one
 * extra column ([-2q, 1] and [r, |r|^2]) so the product yields the score with no further pass.
 */
final class SquaredDistanceScorer {

    private final NDArray referenceAugmentedTransposed;
    private final int referenceCount;
    private final int dim;

    SquaredDistanceScorer(NDManager manager, Embeddings reference) {
        this.referenceCount = reference.count();
        this.dim = reference.dim();
        int width = dim + 1;
        float[] source = reference.data();
        float[] augmented = new float[referenceCount * width];
        for (int i = 0; i < referenceCount; i++) {
            double squaredNorm = 0;
            for (int j = 0; j < dim; j++) {
                float v = source[i * dim + j];
                augmented[i * width + j] = v;
                squaredNorm += (double) v * v;
            }
            augmented[i * width + dim] = (float) squaredNorm;
        }
        this.referenceAugmentedTransposed = manager.create(augmented,
                new Shape(referenceCount, width)).transpose();
    }

    int referenceCount() {
        return referenceCount;
    }

    /**
     * Scores of query rows {@code from} (inclusive) to {@code to} (exclusive) against all
     * references, row-major ({@code (to - from) x referenceCount}). The buffer views memory owned
     * by {@code blockManager}: read it before closing that manager.
     */
    FloatBuffer scoreBlock(NDManager blockManager, Embeddings queries, int from, int to) {
        int rows = to - from;
        int width = dim + 1;
        float[] source = queries.data();
        float[] augmented = new float[rows * width];
        for (int i = 0; i < rows; i++) {
            int row = (from + i) * dim;
            for (int j = 0; j < dim; j++) {
                augmented[i * width + j] = -2f * source[row + j];
            }
            augmented[i * width + dim] = 1f;
        }
        NDArray block = blockManager.create(augmented, new Shape(rows, width));
        NDArray scores = block.matMul(referenceAugmentedTransposed);
        return scores.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
