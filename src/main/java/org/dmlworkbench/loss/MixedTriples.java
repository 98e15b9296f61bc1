package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;
import org.dmlworkbench.loss.distances.EuclideanDistance;

/**
 * The similarity and distance from every anchor a to the mix of every pair (p, n) of a batch,
 * {@code u = lambda z_p + (1 - lambda) z_n}, without building one of the B x B mixed vectors.
 * They follow from the Gram matrix {@code G = Z Z^T} of the vectors that are mixed:
 * <pre>
 *   z_a . u  = lambda G[a,p] + (1 - lambda) G[a,n]
 *   |u|^2    = lambda^2 G[p,p] + 2 lambda (1 - lambda) G[p,n] + (1 - lambda)^2 G[n,n]
 * </pre>
 * When the outputs are L2-normalised, a's output is {@code z_a / |z_a|} and the mix's is
 * {@code u / |u|} (both norms floored as the network floors them), so cosine and distance are
 * those of the normalised vectors. Metrix's feature level uses this: global average pooling and
 * the embedding layer are affine, so the raw embedding of a mixed feature map is the mix of the
 * raw embeddings, and mixing every positive pair with every negative costs B x B x B scalars
 * instead of B x B x B forward passes of the head.
 */
public final class MixedTriples {

    /** The network's norm floor (EmbeddingNet.NORM_FLOOR; loss does not depend on model). */
    private static final float NORM_FLOOR = 1e-12f;

    private final NDArray anchorDotMix;
    private final NDArray mixSquaredNorm;
    private final NDArray anchorSquaredNorm;

    /**
     * @param raw (B, D) the vectors that are mixed, before any normalisation
     * @param lambda the weight of p in the mix
     */
    public MixedTriples(NDArray raw, double lambda) {
        float l = (float) lambda;
        NDArray gram = raw.matMul(raw.transpose());
        NDArray squared = raw.square().sum(new int[] {1});
        long b = squared.getShape().get(0);
        // [a, p, n]
        anchorDotMix = mul(gram.expandDims(2), l).add(mul(gram.expandDims(1), 1 - l));
        // [1, p, n], clamped: rounding can make a tiny square negative
        mixSquaredNorm = max(mul(squared.reshape(b, 1), l * l).add(mul(squared.reshape(1, b), (1 - l) * (1 - l)))
                .add(mul(gram, 2 * l * (1 - l))), 0).expandDims(0);
        // [a, 1, 1]
        anchorSquaredNorm = squared.reshape(b, 1, 1);
    }

    /** (B, B, B) cosine of a with the mix of (p, n). */
    public NDArray cosine() {
        return anchorDotMix.div(norm(anchorSquaredNorm).mul(norm(mixSquaredNorm)));
    }

    /**
     * (B, B, B) Euclidean distance from a's output to the mix's output.
     *
     * @param normalised whether the outputs are the L2-normalised vectors
     */
    public NDArray distance(boolean normalised) {
        NDArray squared;
        if (normalised) {
            NDArray anchorNorm = norm(anchorSquaredNorm);
            NDArray mixNorm = norm(mixSquaredNorm);
            squared = anchorSquaredNorm.div(anchorNorm.square()).add(mixSquaredNorm.div(mixNorm.square()))
                    .sub(mul(anchorDotMix.div(anchorNorm.mul(mixNorm)), 2));
        } else {
            squared = anchorSquaredNorm.add(mixSquaredNorm).sub(mul(anchorDotMix, 2));
        }
        return EuclideanDistance.safeSqrt(squared);
    }

    /**
     * The norm from its square, floored like the network's normalisation; a square under
     * {@link EuclideanDistance#SQRT_FLOOR} (a norm under 1e-6, never met in training) counts as 0,
     * which keeps the square root's gradient finite.
     */
    private static NDArray norm(NDArray squared) {
        return max(EuclideanDistance.safeSqrt(squared), NORM_FLOOR);
    }
}
