package org.dmlworkbench.guided;

import static org.dmlworkbench.tensor.Scalars.add;
import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;

/**
 * The GEMINI master's loss, mean over the triplets of a batch.
 * Eq. 5: beta * d(f_k(a), f_k(p)) + (1 - beta) * [M - d(g(a), g(n))]_+ with
 * M = d(g(a), g(p)) + m. Eq. 6: the same with g(n) replaced by a given constraint vector.
 * d is the Euclidean distance.
 */
public final class GeminiLoss {

    /** Added under square roots so a zero distance has a finite slope. */
    static final float EPSILON = 1e-12f;

    private final double beta;
    private final double margin;

    public GeminiLoss(double beta, double margin) {
        this.beta = beta;
        this.margin = margin;
    }

    /** Eq. 5 on (T, F) local features and (T, D) global embeddings. */
    public NDArray compute(NDArray fa, NDArray fp, NDArray ga, NDArray gp, NDArray gn) {
        return combine(distance(fa, fp), distance(ga, gp), distance(ga, gn));
    }

    /** Eq. 6: {@code constraint} is one (D) point, or (T, D) points, in place of g(n). */
    public NDArray computeWithConstraint(NDArray fa, NDArray fp, NDArray ga, NDArray gp,
            NDArray constraint) {
        return combine(distance(fa, fp), distance(ga, gp), distance(ga, constraint));
    }

    private NDArray combine(NDArray local, NDArray positive, NDArray negative) {
        NDArray hinge = max(add(positive, margin).sub(negative), 0);
        return mul(local, beta).add(mul(hinge, 1 - beta)).mean();
    }

    static NDArray distance(NDArray a, NDArray b) {
        return add(a.sub(b).square().sum(new int[] {1}), EPSILON).sqrt();
    }
}
