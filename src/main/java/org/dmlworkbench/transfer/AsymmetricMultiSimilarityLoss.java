package org.dmlworkbench.transfer;

import static org.dmlworkbench.tensor.Scalars.div;
import static org.dmlworkbench.tensor.Scalars.mul;
import static org.dmlworkbench.tensor.Scalars.sub;
import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.dmlworkbench.loss.LogSumExp;
import org.dmlworkbench.loss.PairMasks;

/**
 * Multi-Similarity on the asymmetric similarity matrix S_ij = s_i . t_j (cosine for normalised
 * embeddings), without a miner as in the authors' variant: per student query i,
 * (1/alpha) log(1 + sum over positives j != i of exp(-alpha (S_ij - lambda)))
 * + (1/beta) log(1 + sum over negatives of exp(beta (S_ij - lambda))); mean over queries.
 */
public final class AsymmetricMultiSimilarityLoss extends AsymmetricLoss {

    private final double alpha;
    private final double beta;
    private final double lambda;

    public AsymmetricMultiSimilarityLoss(double alpha, double beta, double lambda) {
        super("asym-ms");
        if (!(alpha > 0) || !(beta > 0)) {
            throw new IllegalArgumentException("asym-ms.alpha and asym-ms.beta must be > 0, got "
                    + alpha + " and " + beta);
        }
        this.alpha = alpha;
        this.beta = beta;
        this.lambda = lambda;
    }

    @Override
    public NDArray compute(NDArray student, NDArray teacher, NDArray labels) {
        NDArray similarity = sub(student.matMul(teacher.transpose()), lambda);
        PairMasks masks = PairMasks.fromLabels(labels, labels, true);
        NDArray pull = div(LogSumExp.logOnePlusSumExp(mul(similarity, -alpha), masks.positive()),
                alpha);
        NDArray push = div(LogSumExp.logOnePlusSumExp(mul(similarity, beta), masks.negative()),
                beta);
        return pull.add(push).mean();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("alpha", alpha);
        settings.put("beta", beta);
        settings.put("lambda", lambda);
        return settings;
    }
}
