package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.add;
import static org.dmlworkbench.tensor.Scalars.div;
import static org.dmlworkbench.tensor.Scalars.gt;
import static org.dmlworkbench.tensor.Scalars.lt;
import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.mul;
import static org.dmlworkbench.tensor.Scalars.sub;
import static org.dmlworkbench.tensor.Scalars.subFrom;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import java.util.Locale;
import java.util.Map;
import org.dmlworkbench.loss.distances.CosineSimilarity;
import org.dmlworkbench.loss.distances.EuclideanDistance;
import org.dmlworkbench.loss.reducers.AvgNonZeroReducer;

/**
 * The mixed term of Metrix (Venkataramanan et al., ICLR 2022) at the embedding level, meant to be
 * added to its clean loss: {@code --loss ms+metrix:0.4} (the paper's weight 0.4).
 *
 * <p>For every positive pair (a, p) a virtual item u = lambda x_p + (1 - lambda) x_n is mixed
 * with a's hardest negative n (the highest-similarity one), not re-normalised, and carries the
 * interpolated pair label y = lambda: it counts as a positive with weight y and as a negative with
 * weight 1 - y in the loss's generic positive/negative form. lambda ~ Beta(alpha, alpha), one draw
 * per batch. u is never built, its similarity and distance to a follow from the real ones:
 * <pre>
 *   s(a,u)   = lambda s(a,p) + (1 - lambda) s(a,n)
 *   d^2(a,u) = lambda d^2(a,p) + (1 - lambda) d^2(a,n) - lambda (1 - lambda) d^2(p,n)
 * </pre>
 * Forms: Multi-Similarity (alpha 2, beta 50, base 0.5, per anchor
 * {@code 1/alpha log(1 + sum y e^{-alpha(s - base)}) + 1/beta log(1 + sum (1-y) e^{beta(s - base)})},
 * mean over anchors) and contrastive (positive margin 0, negative margin 0.5 on Euclidean
 * distance, {@code y relu(d) + (1 - y) relu(0.5 - d)}, mean of the non-zero terms).
 */
public final class MetrixLoss extends EmbeddingLoss {

    /** Which clean loss's generic form the mixed items enter. */
    public enum Form {
        MS, CONTRASTIVE;

        public static Form parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected ms or contrastive");
            }
        }
    }

    public static final double DEFAULT_ALPHA = 2.0;
    public static final double CONTRASTIVE_NEG_MARGIN = 0.5;

    private final Form form;
    private final double alpha;
    private final Double fixedLambda;

    /** lambda drawn from Beta(alpha, alpha) each batch. */
    public MetrixLoss(Form form, double alpha) {
        this(form, alpha, null);
    }

    /**
     * @param fixedLambda a constant lambda in [0, 1] (tests, ablations), or null to draw it
     */
    public MetrixLoss(Form form, double alpha, Double fixedLambda) {
        super("metrix");
        if (fixedLambda != null && !(fixedLambda >= 0 && fixedLambda <= 1)) {
            throw new IllegalArgumentException("Metrix lambda must lie in [0, 1], got " + fixedLambda);
        }
        new BetaSampler(alpha, alpha, 0); // validates alpha now, not at the first batch
        this.form = form;
        this.alpha = alpha;
        this.fixedLambda = fixedLambda;
    }

    @Override
    public NDArray compute(NDArray embeddings, NDArray labels, NDArray logits) {
        PairMasks pairs = PairMasks.fromLabels(checkBatch(embeddings, labels));
        double lambda = lambda(embeddings);
        NDArray similarity = new CosineSimilarity().matrix(embeddings);
        // each anchor's hardest negative, as a one-hot row; anchors without negatives drop out
        NDArray hasNegative = gt(pairs.negative().toType(DataType.FLOAT32, false)
                .sum(new int[] {1}, true), 0);
        NDArray maskedSimilarity = NDArrays.where(pairs.negative(), similarity,
                sub(similarity.zerosLike(), Float.POSITIVE_INFINITY));
        NDArray hardest = maskedSimilarity.argMax(1).oneHot((int) similarity.getShape().get(1))
                .toType(DataType.FLOAT32, false).stopGradient();
        NDArray mixedPairs = pairs.positive().logicalAnd(hasNegative);
        float l = (float) lambda;
        if (form == Form.MS) {
            NDArray negativeSimilarity = similarity.mul(hardest).sum(new int[] {1}, true);
            NDArray mixed = mul(similarity, l).add(mul(negativeSimilarity, 1 - l));
            return multiSimilarity(mixed, mixedPairs, lambda);
        }
        NDArray squared = new EuclideanDistance(true, true).matrix(embeddings);
        NDArray anchorToNegative = squared.mul(hardest).sum(new int[] {1}, true);
        // [a, p] = d^2(p, n(a)) = sum over m of d^2[p, m] hardest[a, m]
        NDArray positiveToNegative = squared.matMul(hardest.transpose()).transpose();
        NDArray mixedSquared = max(mul(squared, l).add(mul(anchorToNegative, 1 - l))
                .sub(mul(positiveToNegative, l * (1 - l))), 0);
        NDArray floor = lt(mixedSquared, EuclideanDistance.SQRT_FLOOR);
        NDArray distance = NDArrays.where(floor, mixedSquared.zerosLike(),
                NDArrays.where(floor, mixedSquared.onesLike(), mixedSquared).sqrt());
        return contrastive(distance, mixedPairs, lambda);
    }

    /**
     * The contrastive form with soft labels: y relu(d) + (1 - y) relu(0.5 - d), y = lambda, mean
     * of the non-zero terms among the masked (anchor, mixed item) pairs.
     */
    public static NDArray contrastive(NDArray distance, NDArray mask, double lambda) {
        float l = (float) lambda;
        NDArray terms = mul(Activation.relu(distance), l).add(
                mul(Activation.relu(subFrom(CONTRASTIVE_NEG_MARGIN, distance)), 1 - l));
        return new AvgNonZeroReducer().reduce(terms, mask);
    }

    /**
     * The Multi-Similarity form with soft labels y = lambda over the masked (anchor, mixed item)
     * similarities, mean over anchors (rows).
     */
    public static NDArray multiSimilarity(NDArray mixed, NDArray mask, double lambda) {
        float a = (float) MultiSimilarityLoss.DEFAULT_ALPHA;
        float b = (float) MultiSimilarityLoss.DEFAULT_BETA;
        float base = (float) MultiSimilarityLoss.DEFAULT_BASE;
        NDArray total = mixed.zerosLike().sum(new int[] {1});
        // a weight y in front of an exponential is the exponent's shift by log y; y = 0 drops it
        if (lambda > 0) {
            total = total.add(div(LogSumExp.logOnePlusSumExp(
                    add(mul(sub(mixed, base), -a), Math.log(lambda)), mask), a));
        }
        if (lambda < 1) {
            total = total.add(div(LogSumExp.logOnePlusSumExp(
                    add(mul(sub(mixed, base), b), Math.log(1 - lambda)), mask), b));
        }
        return total.mean();
    }

    private double lambda(NDArray embeddings) {
        if (fixedLambda != null) {
            return fixedLambda;
        }
        return BetaSampler.drawWithEngine(embeddings.getManager(), alpha, alpha);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("form", form.name().toLowerCase(Locale.ROOT));
        settings.put("level", "embedding");
        settings.put("lambda", fixedLambda != null ? String.valueOf(fixedLambda)
                : "Beta(" + alpha + ", " + alpha + ") per batch");
        settings.put("mixing", "each positive with the anchor's hardest negative, label lambda");
        settings.put("reducer", form == Form.MS ? "mean over anchors" : "mean of non-zero terms");
        return settings;
    }
}
