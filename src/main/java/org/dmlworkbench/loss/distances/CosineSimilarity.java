package org.dmlworkbench.loss.distances;

import ai.djl.ndarray.NDArray;

/**
 * Cosine similarity as the dot product of the rows. The workbench's models already L2-normalise
 * their output, so by default the rows are not normalised again (the dot product then is the
 * cosine); pass {@code normalize = true} for raw embeddings.
 */
public final class CosineSimilarity implements Distance {

    private final boolean normalize;

    /** Dot product of inputs assumed to be unit length. */
    public CosineSimilarity() {
        this(false);
    }

    public CosineSimilarity(boolean normalize) {
        this.normalize = normalize;
    }

    @Override
    public NDArray matrix(NDArray query, NDArray reference) {
        Distance.checkPair(query, reference);
        NDArray q = normalize ? query.normalize(2, 1) : query;
        NDArray r = normalize ? reference.normalize(2, 1) : reference;
        return q.matMul(r.transpose());
    }

    @Override
    public boolean isInverted() {
        return true;
    }

    @Override
    public boolean normalizes() {
        return normalize;
    }

    @Override
    public String describe() {
        return normalize ? "cosine(normalize)" : "cosine";
    }
}
