package org.dmlworkbench.loss;

import ai.djl.ndarray.NDArray;

/**
 * A loss between a student's embeddings and a frozen teacher's embeddings of the same batch
 * (Budnik and Avrithis, "Asymmetric metric learning for knowledge transfer"). The teacher's
 * embeddings arrive already detached from the graph; only the student receives gradients. Such a
 * loss is an entry of {@link LossKind} like any other, marked by {@link #needsTeacher()}, and
 * sums with others in the one {@link WeightedSumLoss}.
 */
public abstract class TeacherLoss extends EmbeddingLoss {

    protected TeacherLoss(String name) {
        super(name);
    }

    /**
     * @param student (B, D) student embeddings, in the graph
     * @param teacher (B, D') teacher embeddings of the same images, without gradient
     * @param labels (B) integer labels
     * @return a scalar loss
     */
    protected abstract NDArray computeWithTeacher(NDArray student, NDArray teacher, NDArray labels);

    @Override
    public final boolean needsTeacher() {
        return true;
    }

    /**
     * True when the loss compares student and teacher vectors directly, so both spaces must have
     * the same dimension; relational losses compare distances within each space instead.
     */
    @Override
    public boolean comparesVectorsAcrossSpaces() {
        return true;
    }

    @Override
    public final NDArray compute(NDArray embeddings, NDArray labels, NDArray logits, NDArray teacher) {
        if (teacher == null) {
            throw new IllegalStateException(getName() + " compares with a teacher's embeddings;"
                    + " it trains only with --method asymmetric");
        }
        return computeWithTeacher(embeddings, teacher, checkBatch(embeddings, labels));
    }

    @Override
    public final NDArray compute(NDArray embeddings, NDArray labels, NDArray logits) {
        return compute(embeddings, labels, logits, null);
    }
}
