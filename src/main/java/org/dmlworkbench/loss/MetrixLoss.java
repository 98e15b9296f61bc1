package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.add;
import static org.dmlworkbench.tensor.Scalars.div;
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
 * <p>As in the authors' code at the embedding level, every positive pair (a, p) is mixed with
 * every negative n of its anchor ({@link Negatives#ALL}, the default): a virtual item
 * u = lambda x_p + (1 - lambda) x_n that carries the interpolated pair label y = lambda: it counts
 * as a positive with weight y and as a negative with weight 1 - y in the loss's generic
 * positive/negative form. {@link Negatives#HARDEST} mixes each positive pair only with the
 * anchor's hardest negative (the highest-similarity one; the authors' rule for the input level,
 * and this class's rule before issue 18). lambda ~ Beta(alpha, alpha), one draw per batch.
 *
 * <p>How u is measured: the authors' similarity and distance (pytorch-metric-learning's
 * {@code CosineSimilarity}, {@code LpDistance}) L2-normalise their inputs, so they compare a with
 * u / |u|; that is the default ({@code metrix.renormalise=true}, B x B x B mixes through
 * {@link MixedTriples}, so batches of at most {@link #MAX_CONTRASTIVE_BATCH}). With
 * {@code metrix.renormalise=false} (the rule before issue 18's second reading) u is compared as the
 * linear mix, and its similarity and distance to a follow from the real ones:
 * <pre>
 *   s(a,u)   = lambda s(a,p) + (1 - lambda) s(a,n)
 *   d^2(a,u) = lambda d^2(a,p) + (1 - lambda) d^2(a,n) - lambda (1 - lambda) d^2(p,n)
 * </pre>
 * Forms: Multi-Similarity (alpha 2, beta 50, base 0.5, per anchor
 * {@code 1/alpha log(1 + sum y e^{-alpha(s - base)}) + 1/beta log(1 + sum (1-y) e^{beta(s - base)})}
 * over its mixed items, mean over anchors; with all negatives the double sum over (p, n) factors
 * into a sum over p times a sum over n, because s(a,u) is linear in s(a,p) and s(a,n), so it costs
 * B x B, not B x B x B) and contrastive (the authors' form: positive margin 0, negative margin
 * {@code neg-margin} = 0.5 on the Euclidean distance; {@code y relu(d)} over the mixed items,
 * mean of the non-zero terms, plus {@code (1 - y) relu(0.5 - d)}, mean of its non-zero terms;
 * with all negatives a B x B x B tensor, so at most {@link #MAX_CONTRASTIVE_BATCH} items).
 *
 * <p>Two things of the authors' code are not copied. It alternates at random, step by step,
 * between this positive-negative mixing and mixing an anchor with its own negatives for the
 * anchors that have no positive in the batch; with m-per-class batches every anchor has one, so
 * that branch would mix nothing, and here every step mixes. And its loop pairs an anchor's
 * negatives with the anchor's first positive, once per positive it has; here each positive is
 * mixed, which is what the paper describes.
 */
public final class MetrixLoss extends EmbeddingLoss {

    /** Which clean loss's generic form the mixed items enter. */
    public enum Form {
        MS, CONTRASTIVE;

        public static Form parse(String text) {
            return parseChoice(Form.class, text, "expected ms or contrastive");
        }
    }

    /** Which negatives of its anchor each positive pair is mixed with. */
    public enum Negatives {
        ALL, HARDEST;

        public static Negatives parse(String text) {
            return parseChoice(Negatives.class, text, "expected all or hardest");
        }
    }

    private static <E extends Enum<E>> E parseChoice(Class<E> type, String text, String expectation) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expectation);
        }
    }

    public static final double DEFAULT_ALPHA = 2.0;
    /** The authors' negative margin for Metrix's contrastive form (and for their clean loss). */
    public static final double DEFAULT_NEG_MARGIN = 0.5;
    /** The contrastive form with all negatives holds B^3 terms: 512^3 floats are 0.5 GB each. */
    public static final int MAX_CONTRASTIVE_BATCH = 512;

    private final Form form;
    private final double alpha;
    private final Double fixedLambda;
    private final Negatives negatives;
    private final double negMargin;
    private final boolean renormalise;

    /** lambda drawn from Beta(alpha, alpha) each batch, all negatives, margin 0.5. */
    public MetrixLoss(Form form, double alpha) {
        this(form, alpha, null);
    }

    /**
     * @param fixedLambda a constant lambda in [0, 1] (tests, ablations), or null to draw it
     */
    public MetrixLoss(Form form, double alpha, Double fixedLambda) {
        this(form, alpha, fixedLambda, Negatives.ALL, DEFAULT_NEG_MARGIN, true);
    }

    /** The linear mix, not re-normalised (the rule before the renormalise option). */
    public MetrixLoss(Form form, double alpha, Double fixedLambda, Negatives negatives,
            double negMargin) {
        this(form, alpha, fixedLambda, negatives, negMargin, false);
    }

    /**
     * @param fixedLambda a constant lambda in [0, 1] (tests, ablations), or null to draw it
     * @param negatives which negatives each positive pair is mixed with
     * @param negMargin the contrastive form's negative margin (&gt; 0)
     * @param renormalise measure the mix after L2 normalisation (the authors' code) rather than
     *     the linear mix
     */
    public MetrixLoss(Form form, double alpha, Double fixedLambda, Negatives negatives,
            double negMargin, boolean renormalise) {
        super("metrix");
        if (fixedLambda != null && !(fixedLambda >= 0 && fixedLambda <= 1)) {
            throw new IllegalArgumentException("Metrix lambda must lie in [0, 1], got " + fixedLambda);
        }
        if (!(negMargin > 0) || Double.isInfinite(negMargin)) {
            throw new IllegalArgumentException("metrix.neg-margin must be a number > 0, got " + negMargin);
        }
        new BetaSampler(alpha, alpha, 0); // validates alpha now, not at the first batch
        this.form = form;
        this.alpha = alpha;
        this.fixedLambda = fixedLambda;
        this.negatives = negatives;
        this.negMargin = negMargin;
        this.renormalise = renormalise;
    }

    /**
     * Refuses, before training starts, a batch too large for the contrastive form with all
     * negatives ({@link #MAX_CONTRASTIVE_BATCH}); other losses and forms take any batch.
     *
     * @param spec the config's parsed loss, or null for a method with its own losses (guided)
     * @throws IllegalArgumentException naming the options to change
     */
    public static void checkBatchSize(LossSpec spec, int batchSize) {
        boolean metrix = spec != null && spec.terms().stream().anyMatch(term -> term.kind() == LossKind.METRIX);
        if (!metrix || batchSize <= MAX_CONTRASTIVE_BATCH) {
            return;
        }
        if (Boolean.TRUE.equals(spec.parameters().get("metrix.renormalise"))) {
            throw new IllegalArgumentException("--batch " + batchSize + " is too large for Metrix"
                    + " with metrix.renormalise=true, which measures batch^3 mixes (at most "
                    + MAX_CONTRASTIVE_BATCH + "): use --batch " + MAX_CONTRASTIVE_BATCH
                    + " or less, or --loss-param metrix.renormalise=false");
        }
        if ("contrastive".equals(spec.parameters().get("metrix.form"))
                && "all".equals(spec.parameters().get("metrix.negatives"))) {
            throw new IllegalArgumentException("--batch " + batchSize + " is too large for Metrix's"
                    + " contrastive form with metrix.negatives=all, which mixes batch^3 pairs (at most "
                    + MAX_CONTRASTIVE_BATCH + "): use --batch " + MAX_CONTRASTIVE_BATCH
                    + " or less, or --loss-param metrix.negatives=hardest");
        }
    }

    @Override
    public NDArray compute(NDArray embeddings, NDArray labels, NDArray logits) {
        PairMasks pairs = PairMasks.fromLabels(checkBatch(embeddings, labels));
        double lambda = lambda(embeddings);
        NDArray similarity = new CosineSimilarity().matrix(embeddings);
        NDArray negative = pairs.negative();
        NDArray mixedPairs = pairs.positive().logicalAnd(LogSumExp.hasAny(negative).expandDims(1));
        if (renormalise) {
            return renormalisedMix(embeddings, mixedPairs, negative, similarity, lambda);
        }
        if (negatives == Negatives.ALL) {
            return form == Form.MS
                    ? multiSimilarityAllNegatives(similarity, mixedPairs, negative, lambda)
                    : contrastiveAllNegatives(embeddings, mixedPairs, negative, lambda);
        }
        // each anchor's hardest negative, as a one-hot row; anchors without negatives drop out
        NDArray hardest = hardestNegative(similarity, negative);
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
        NDArray mixedSquared = mul(squared, l).add(mul(anchorToNegative, 1 - l))
                .sub(mul(positiveToNegative, l * (1 - l)));
        return contrastive(safeSqrt(mixedSquared), mixedPairs, lambda, negMargin);
    }

    /**
     * The mix measured after L2 normalisation, as the authors' distances measure it: their
     * pytorch-metric-learning {@code CosineSimilarity} and {@code LpDistance} normalise both
     * inputs by default, so the cosine of a with u = lambda x_p + (1 - lambda) x_n is
     * {@code (lambda s_ap + (1 - lambda) s_an) / |u|}, not the linear mix of the similarities. Every
     * (a, p, n) is a B x B x B tensor ({@link MixedTriples}); the hardest rule keeps one n per
     * anchor in the mask.
     */
    private NDArray renormalisedMix(NDArray embeddings, NDArray mixedPairs, NDArray negative,
            NDArray similarity, double lambda) {
        checkCubeSize(embeddings.getShape().get(0));
        NDArray negatives3 = this.negatives == Negatives.ALL ? negative
                : hardestNegative(similarity, negative).toType(DataType.BOOLEAN, false);
        NDArray mask = mixedPairs.expandDims(2).logicalAnd(negatives3.expandDims(1));
        return overTriples(form, new MixedTriples(embeddings.normalize(2, 1), lambda), mask, lambda,
                true, negMargin);
    }

    /**
     * The mixed term over (a, p, n) triples measured by {@link MixedTriples}: the MS form per
     * anchor over its B x B (p, n) mixes, or the contrastive form over every masked triple.
     *
     * @param mask (B, B, B) which triples mix
     * @param normalised whether the outputs the distance is taken between are L2-normalised
     */
    public static NDArray overTriples(Form form, MixedTriples triples, NDArray mask, double lambda,
            boolean normalised, double negMargin) {
        long b = mask.getShape().get(0);
        return form == Form.MS
                ? multiSimilarity(triples.cosine().reshape(b, b * b), mask.reshape(b, b * b), lambda)
                : contrastive(triples.distance(normalised), mask, lambda, negMargin);
    }

    /** Each anchor's hardest negative (highest similarity) as a one-hot row, outside the graph. */
    private static NDArray hardestNegative(NDArray similarity, NDArray negative) {
        NDArray maskedSimilarity = NDArrays.where(negative, similarity,
                sub(similarity.zerosLike(), Float.POSITIVE_INFINITY));
        return maskedSimilarity.argMax(1).oneHot((int) similarity.getShape().get(1))
                .toType(DataType.FLOAT32, false).stopGradient();
    }

    private static void checkCubeSize(long batch) {
        if (batch > MAX_CONTRASTIVE_BATCH) {
            throw new IllegalArgumentException("Metrix with every (anchor, positive, negative) "
                    + "mixed holds batch^3 terms; a batch of " + batch + " is over "
                    + MAX_CONTRASTIVE_BATCH + ": use a smaller --batch, or --loss-param "
                    + "metrix.renormalise=false with metrix.negatives=hardest");
        }
    }

    /**
     * Multi-Similarity over every (p, n) of each anchor. The exponent is linear in s(a,p) and
     * s(a,n), so {@code sum_{p,n} e^{c(lambda s_ap + (1-lambda) s_an)}} is
     * {@code (sum_p e^{c lambda s_ap}) (sum_n e^{c (1-lambda) s_an})}: per anchor,
     * {@code log(1 + y e^{-c base} S_p S_n)} is a soft-plus of a sum of two log-sum-exps.
     */
    private static NDArray multiSimilarityAllNegatives(NDArray similarity, NDArray positive,
            NDArray negative, double lambda) {
        float a = (float) MultiSimilarityLoss.DEFAULT_ALPHA;
        float b = (float) MultiSimilarityLoss.DEFAULT_BETA;
        float base = (float) MultiSimilarityLoss.DEFAULT_BASE;
        // positive holds only anchors with a negative, so its rows say which anchors take part
        NDArray mixes = LogSumExp.hasAny(positive);
        NDArray total = similarity.zerosLike().sum(new int[] {1});
        if (lambda > 0) {
            total = total.add(softPlusTerm(similarity, positive, negative, mixes, -a, lambda, base, lambda));
        }
        if (lambda < 1) {
            total = total.add(softPlusTerm(similarity, positive, negative, mixes, b, lambda, base, 1 - lambda));
        }
        return total.mean();
    }

    /**
     * Per anchor {@code log(1 + y sum_{p,n} e^{c (lambda s_ap + (1 - lambda) s_an - base)}) / |c|}
     * as a soft-plus of {@code log y - c base} plus two masked log-sum-exps; 0 for anchors that
     * do not mix.
     */
    private static NDArray softPlusTerm(NDArray similarity, NDArray positive, NDArray negative,
            NDArray mixes, float c, double lambda, float base, double y) {
        float l = (float) lambda;
        NDArray exponent = add(LogSumExp.logSumExpOrZero(mul(similarity, c * l), positive)
                .add(LogSumExp.logSumExpOrZero(mul(similarity, c * (1 - l)), negative)),
                Math.log(y) - c * base);
        return div(NDArrays.where(mixes, Activation.softPlus(exponent), exponent.zerosLike()),
                Math.abs(c));
    }

    /** The contrastive form over every (a, p, n): a B x B x B tensor of mixed distances. */
    private NDArray contrastiveAllNegatives(NDArray embeddings, NDArray positive, NDArray negative,
            double lambda) {
        checkCubeSize(embeddings.getShape().get(0));
        float l = (float) lambda;
        NDArray squared = new EuclideanDistance(true, true).matrix(embeddings);
        // [a, p, n] = lambda d2[a,p] + (1 - lambda) d2[a,n] - lambda (1 - lambda) d2[p,n]
        NDArray mixedSquared = mul(squared.expandDims(2), l)
                .add(mul(squared.expandDims(1), 1 - l))
                .sub(mul(squared.expandDims(0), l * (1 - l)));
        NDArray mask = positive.expandDims(2).logicalAnd(negative.expandDims(1));
        return contrastive(safeSqrt(mixedSquared), mask, lambda, negMargin);
    }

    /** sqrt of squared distances clamped at 0, with value and gradient 0 below the floor. */
    private static NDArray safeSqrt(NDArray squared) {
        NDArray clamped = max(squared, 0);
        NDArray floor = lt(clamped, EuclideanDistance.SQRT_FLOOR);
        return NDArrays.where(floor, clamped.zerosLike(),
                NDArrays.where(floor, clamped.onesLike(), clamped).sqrt());
    }

    /**
     * The authors' contrastive form with soft labels y = lambda: the mean of the non-zero
     * {@code y relu(d)} terms plus the mean of the non-zero {@code (1 - y) relu(negMargin - d)}
     * terms, over the masked (anchor, mixed item) pairs (their two AvgNonZero reducers).
     */
    public static NDArray contrastive(NDArray distance, NDArray mask, double lambda, double negMargin) {
        float l = (float) lambda;
        AvgNonZeroReducer reducer = new AvgNonZeroReducer();
        return reducer.reduce(mul(Activation.relu(distance), l), mask).add(reducer.reduce(
                mul(Activation.relu(subFrom(negMargin, distance)), 1 - l), mask));
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
        settings.put("mixing", negatives == Negatives.ALL
                ? "each positive pair with every negative of its anchor, label lambda"
                : "each positive pair with its anchor's hardest negative, label lambda");
        settings.put("mix measured", renormalise ? "after L2 normalisation (the authors' distances)"
                : "as the linear mix, not re-normalised");
        if (form == Form.CONTRASTIVE) {
            settings.put("neg-margin", negMargin);
        }
        settings.put("reducer", form == Form.MS ? "mean over anchors"
                : "mean of non-zero positive terms + mean of non-zero negative terms");
        return settings;
    }
}
