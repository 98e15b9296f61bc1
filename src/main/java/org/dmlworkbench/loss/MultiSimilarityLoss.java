package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.div;
import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.dmlworkbench.loss.distances.CosineSimilarity;
import org.dmlworkbench.loss.distances.Distance;
import org.dmlworkbench.loss.miners.MultiSimilarityMiner;

/**
 * Multi-Similarity loss (Wang et al., CVPR 2019, Eq. 6), per anchor i:
 * <pre>
 *   1/alpha log(1 + sum over positives p of exp(-alpha (S[i,p] - base)))
 * + 1/beta  log(1 + sum over negatives n of exp( beta  (S[i,n] - base)))
 * </pre>
 * averaged over all B anchors (an anchor with no kept pairs adds 0), on cosine similarity. The
 * pairs are first narrowed by the {@link MultiSimilarityMiner} (epsilon 0.1) unless it is
 * disabled. Both sums are stable masked log-sum-exps over the (B, B) matrix.
 */
public final class MultiSimilarityLoss extends PairLoss {

    public static final double DEFAULT_ALPHA = 2.0;
    public static final double DEFAULT_BETA = 50.0;
    public static final double DEFAULT_BASE = 0.5;

    private final double alpha;
    private final double beta;
    private final double base;
    private final MultiSimilarityMiner miner;

    /** alpha 2, beta 50, base 0.5, mined with epsilon 0.1. */
    public MultiSimilarityLoss() {
        this(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_BASE, new MultiSimilarityMiner());
    }

    /**
     * @param miner the pair miner, or null to use every pair
     */
    public MultiSimilarityLoss(double alpha, double beta, double base,
            MultiSimilarityMiner miner) {
        this(alpha, beta, base, new CosineSimilarity(), miner);
    }

    public MultiSimilarityLoss(double alpha, double beta, double base, Distance distance,
            MultiSimilarityMiner miner) {
        super("ms", distance);
        if (!(alpha > 0) || !(beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)
                || !Double.isFinite(base)) {
            throw new IllegalArgumentException("Multi-Similarity needs finite alpha > 0, beta > 0"
                    + " and base, got alpha " + alpha + ", beta " + beta + ", base " + base);
        }
        this.alpha = alpha;
        this.beta = beta;
        this.base = base;
        this.miner = miner;
    }

    @Override
    protected NDArray formula(Pairs pairs) {
        NDArray matrix = pairs.matrix();
        PairMasks masks = miner == null ? pairs.masks() : miner.mine(matrix, distance(), pairs.masks());
        NDArray positiveTerm = div(LogSumExp.logOnePlusSumExp(
                mul(distance().fartherThan(matrix, base), alpha), masks.positive()), alpha);
        NDArray negativeTerm = div(LogSumExp.logOnePlusSumExp(
                mul(distance().closerThan(matrix, base), beta), masks.negative()), beta);
        return positiveTerm.add(negativeTerm).mean();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("alpha", alpha);
        settings.put("beta", beta);
        settings.put("base", base);
        settings.put("miner", miner == null ? "none" : miner.describe());
        settings.put("distance", distance().describe());
        settings.put("reducer", "mean over anchors");
        return settings;
    }
}
