package org.dmlworkbench.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Which (query, reference) pairs are positives (same label) and which are negatives, as two
 * boolean (Q, R) masks. Every pair loss works on these masks instead of index lists, so a batch
 * is handled with whole-matrix ops; miners return narrowed masks of the same form.
 *
 * @param positive (Q, R) boolean: same label (and not the item itself, for a batch)
 * @param negative (Q, R) boolean: different labels
 */
public record PairMasks(NDArray positive, NDArray negative) {

    public PairMasks {
        if (!positive.getShape().equals(negative.getShape())
                || positive.getShape().dimension() != 2) {
            throw new IllegalArgumentException("pair masks must be two (Q, R) matrices, got "
                    + positive.getShape() + " and " + negative.getShape());
        }
    }

    /** All pairs of a batch against itself; an item is never its own positive. */
    public static PairMasks fromLabels(NDArray labels) {
        return fromLabels(labels, labels, true);
    }

    /**
     * All pairs between query and reference labels.
     *
     * @param excludeSelfPairs true when query i and reference i are the same item, so the
     *     diagonal is neither positive nor negative; false when they are different vectors (a
     *     student query against teacher references may count its own teacher vector as positive)
     */
    public static PairMasks fromLabels(NDArray queryLabels, NDArray referenceLabels,
            boolean excludeSelfPairs) {
        NDArray q = queryLabels.reshape(-1, 1);
        NDArray r = referenceLabels.reshape(1, -1);
        NDArray same = q.eq(r);
        NDArray positive = same;
        if (excludeSelfPairs) {
            long rows = q.getShape().get(0);
            long columns = r.getShape().get(1);
            if (rows != columns) {
                throw new IllegalArgumentException("self pairs are defined only for a batch "
                        + "against itself, got " + rows + " queries and " + columns
                        + " references");
            }
            NDManager manager = queryLabels.getManager();
            NDArray notSelf = manager.eye((int) rows).toType(DataType.BOOLEAN, false).logicalNot();
            positive = same.logicalAnd(notSelf);
        }
        return new PairMasks(positive, same.logicalNot());
    }

    /**
     * The (Q, R, R) boolean mask of valid triplets (anchor a, positive p, negative n): entry
     * [a, p, n] holds when (a, p) is a positive pair and (a, n) a negative pair.
     */
    public NDArray tripletMask() {
        return positive.expandDims(2).logicalAnd(negative.expandDims(1));
    }

    /** Replaces both masks, keeping only pairs that were already present. */
    public PairMasks narrow(NDArray keepPositive, NDArray keepNegative) {
        return new PairMasks(positive.logicalAnd(keepPositive), negative.logicalAnd(keepNegative));
    }
}
