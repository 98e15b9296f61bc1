package org.dmlworkbench.loss.miners;

import static org.dmlworkbench.tensor.Scalars.add;
import static org.dmlworkbench.tensor.Scalars.sub;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.dmlworkbench.loss.PairMasks;
import org.dmlworkbench.loss.distances.Distance;

/**
 * The pair mining of Multi-Similarity loss (Wang et al., CVPR 2019, Eq. 7 and 8). With
 * similarities S and margin epsilon, for each anchor i:
 * <ul>
 *   <li>a negative j is kept when {@code S[i,j] > min over positives k of S[i,k] - epsilon}
 *   (it is closer than the hardest positive, give or take epsilon);</li>
 *   <li>a positive j is kept when {@code S[i,j] < max over negatives k of S[i,k] + epsilon}
 *   (it is farther than the hardest negative, give or take epsilon).</li>
 * </ul>
 * An anchor without positives keeps no negatives and one without negatives keeps no positives,
 * as in the authors' code. For a distance (not a similarity) the inequalities flip. Mining reads
 * detached values: it selects pairs, it is not differentiated.
 */
public final class MultiSimilarityMiner {

    /** The paper's epsilon. */
    public static final double DEFAULT_EPSILON = 0.1;

    private final double epsilon;

    public MultiSimilarityMiner() {
        this(DEFAULT_EPSILON);
    }

    public MultiSimilarityMiner(double epsilon) {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Multi-Similarity miner epsilon must be a finite "
                    + "number >= 0, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    public double epsilon() {
        return epsilon;
    }

    /**
     * @param matrix (Q, R) values of {@code distance} between the batch and the references
     * @param distance the measure that produced {@code matrix}
     * @param pairs the candidate pairs
     * @return the kept pairs, a subset of {@code pairs}
     */
    public PairMasks mine(NDArray matrix, Distance distance, PairMasks pairs) {
        NDArray values = matrix.stopGradient();
        float closest = distance.isInverted() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        NDArray farthestFill = sub(values.zerosLike(), closest);
        NDArray closestFill = add(values.zerosLike(), closest);
        // The hardest negative is the closest one, the hardest positive the farthest one.
        NDArray negativesOnly = NDArrays.where(pairs.negative(), values, farthestFill);
        NDArray positivesOnly = NDArrays.where(pairs.positive(), values, closestFill);
        NDArray keepPositive;
        NDArray keepNegative;
        if (distance.isInverted()) {
            NDArray hardestNegative = negativesOnly.max(new int[] {1}, true);
            NDArray hardestPositive = positivesOnly.min(new int[] {1}, true);
            keepPositive = sub(values, epsilon).lt(hardestNegative);
            keepNegative = add(values, epsilon).gt(hardestPositive);
        } else {
            NDArray hardestNegative = negativesOnly.min(new int[] {1}, true);
            NDArray hardestPositive = positivesOnly.max(new int[] {1}, true);
            keepPositive = add(values, epsilon).gt(hardestNegative);
            keepNegative = sub(values, epsilon).lt(hardestPositive);
        }
        return pairs.narrow(keepPositive, keepNegative);
    }

    public String describe() {
        return "multi-similarity(epsilon=" + epsilon + ")";
    }
}
