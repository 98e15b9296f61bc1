package org.dmlworkbench.loss;

import ai.djl.ndarray.NDArray;
import org.dmlworkbench.loss.distances.Distance;

/**
 * A loss over the pairs of a batch, in the spirit of pytorch-metric-learning's
 * {@code GenericPairLoss}: this base builds the (Q, R) distance or similarity matrix and the
 * positive/negative {@link PairMasks} once, and a loss writes only its formula over them
 * ({@link #formula}).
 *
 * <p>The same formula serves two layouts. {@link #compute(NDArray, NDArray, NDArray)} scores a
 * batch against itself (an item is never its own positive). {@link #computeAcross} scores a
 * student's embeddings (queries) against a frozen teacher's embeddings of the same images
 * (references): asymmetric metric learning, Budnik and Avrithis. There too the image's own
 * teacher vector is neither a positive nor a negative of its query, as in the authors' tuples;
 * a loss that wants it reads it from {@link Pairs#references()}.
 */
public abstract class PairLoss extends EmbeddingLoss {

    /**
     * The pairs a formula reads.
     *
     * @param queries (Q, D) the embeddings whose rows the matrix's rows compare
     * @param references (R, D) the embeddings of the matrix's columns (the queries themselves
     *     for a batch against itself)
     * @param labels (Q) integer labels; a reference has the label of the query of its index
     * @param matrix (Q, R) the loss's distance or similarity
     * @param masks which (query, reference) pairs are positives and which negatives
     */
    public record Pairs(NDArray queries, NDArray references, NDArray labels, NDArray matrix,
            PairMasks masks) {}

    private final Distance distance;

    protected PairLoss(String name, Distance distance) {
        super(name);
        this.distance = distance;
    }

    /** The measure the matrix is built with. */
    public final Distance distance() {
        return distance;
    }

    /** The loss's formula over the pairs: a scalar. */
    protected abstract NDArray formula(Pairs pairs);

    @Override
    public final NDArray compute(NDArray embeddings, NDArray labels, NDArray logits) {
        NDArray flat = checkBatch(embeddings, labels);
        return formula(new Pairs(embeddings, embeddings, flat, distance.matrix(embeddings),
                PairMasks.fromLabels(flat)));
    }

    /**
     * The loss between a student and a teacher: each student embedding is a query, the teacher's
     * embeddings of the same batch are its references.
     *
     * @param student (B, D) student embeddings, in the graph
     * @param teacher (B, D) teacher embeddings of the same images, without gradient
     * @param labels (B) integer labels
     */
    public final NDArray computeAcross(NDArray student, NDArray teacher, NDArray labels) {
        NDArray flat = checkBatch(student, labels);
        if (teacher.getShape().dimension() != 2
                || teacher.getShape().get(0) != student.getShape().get(0)) {
            throw new IllegalArgumentException("teacher embeddings must be one row per student "
                    + "embedding, got " + teacher.getShape() + " for " + student.getShape());
        }
        return formula(new Pairs(student, teacher, flat, distance.matrix(student, teacher),
                PairMasks.fromLabels(flat, flat, true)));
    }
}
