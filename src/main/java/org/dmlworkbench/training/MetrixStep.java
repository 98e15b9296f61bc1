package org.dmlworkbench.training;

import static org.dmlworkbench.tensor.Scalars.add;
import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import java.util.Map;
import org.dmlworkbench.loss.BetaSampler;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.MetrixLoss;
import org.dmlworkbench.loss.MixedTriples;
import org.dmlworkbench.loss.PairMasks;
import org.dmlworkbench.model.EmbeddingNet;

/**
 * Metrix at the input or the feature level (Venkataramanan et al., ICLR 2022): a positive of an
 * anchor is mixed with a negative, u = lambda x_p + (1 - lambda) x_n, where x is the image
 * ({@link Level#INPUT}: the mixed images are embedded in a second forward call, BatchNorm
 * normalising them with their own statistics) or the backbone's last feature map before pooling
 * ({@link Level#FEATURE}, the authors' default: the clean batch is embedded through its feature
 * maps and the mixed maps go through the rest of the network, pooling, embedding layer,
 * normalisation). The pair (a, u) carries the interpolated label lambda in the clean loss's
 * generic form ({@link MetrixLoss#multiSimilarity}, per anchor over its mixed items, or
 * {@link MetrixLoss#contrastive}); the step back-propagates {@code clean + weight * mixed}.
 * lambda ~ Beta(alpha, alpha) once per batch. Chosen with
 * {@code --method-param metrix.level=input|feature}; the embedding level is the loss term
 * {@code ms+metrix:W}.
 *
 * <p>Which pairs are mixed ({@code metrix.mixing}) follows the authors' code (billpsomas/metrix,
 * read for issue 18) by default, {@link Mixing#AUTHORS}: at the input level every positive pair
 * (a, p) with its anchor's hardest negative, B (m - 1) mixed images per step (1,920 at batch 128
 * with m = 16); at the feature level every positive pair with every negative of its anchor, which
 * is B (m - 1) (B - m) mixed maps (215,040 there) and is computed in closed form: pooling and the
 * embedding layer are affine ({@link EmbeddingNet#rawEmbedding}), so the raw embedding of a mixed
 * map is the mix of the raw embeddings and every distance follows from their Gram matrix
 * ({@link MixedTriples}), B x B x B scalars and no extra pass through the head.
 * {@link Mixing#ONE_PER_ANCHOR} is the rule before issue 18: each anchor's hardest positive with
 * its hardest negative, one mixed item per anchor. As at the embedding level, the authors' random
 * per-step switch to mixing anchors without a positive is not copied (with m-per-class batches
 * there are none), and at the feature level each positive is mixed, not only an anchor's first.
 */
public final class MetrixStep implements BatchStep {

    /** Where the pair is mixed. */
    public enum Level {
        INPUT, FEATURE;

        static Level parse(String text) {
            switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
                case "input":
                    return INPUT;
                case "feature":
                    return FEATURE;
                default:
                    throw new IllegalArgumentException("method parameter metrix.level must be input "
                            + "or feature, got '" + text + "' (embedding-level Metrix is the loss "
                            + "term ms+metrix:W)");
            }
        }
    }

    /** Which (positive, negative) pairs are mixed for each anchor. */
    public enum Mixing {
        AUTHORS, ONE_PER_ANCHOR;

        static Mixing parse(String text) {
            switch (text == null ? "authors" : text.trim().toLowerCase(Locale.ROOT)) {
                case "authors":
                    return AUTHORS;
                case "one-per-anchor":
                    return ONE_PER_ANCHOR;
                default:
                    throw new IllegalArgumentException("method parameter metrix.mixing must be "
                            + "authors or one-per-anchor, got '" + text + "'");
            }
        }
    }

    public static final double DEFAULT_WEIGHT = 0.4;
    /** The authors' mixing costs B^3 scalars (feature) or B (m - 1) images (input) per step. */
    public static final int MAX_AUTHORS_BATCH = MetrixLoss.MAX_CONTRASTIVE_BATCH;

    private final Level level;
    private final Mixing mixing;
    private final EmbeddingLoss clean;
    private final MetrixLoss.Form form;
    private final double alpha;
    private final double weight;
    private final Double fixedLambda;

    /**
     * @param fixedLambda a constant lambda in [0, 1], or null to draw it each batch
     */
    public MetrixStep(Level level, Mixing mixing, EmbeddingLoss clean, MetrixLoss.Form form,
            double alpha, double weight, Double fixedLambda) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("metrix.weight must be a number >= 0, got " + weight);
        }
        if (fixedLambda != null && !(fixedLambda >= 0 && fixedLambda <= 1)) {
            throw new IllegalArgumentException("Metrix lambda must lie in [0, 1], got " + fixedLambda);
        }
        new BetaSampler(alpha, alpha, 0); // validates alpha
        this.level = level;
        this.mixing = mixing;
        this.clean = clean;
        this.form = form;
        this.alpha = alpha;
        this.weight = weight;
        this.fixedLambda = fixedLambda;
    }

    /**
     * From method parameters: metrix.level (input or feature), metrix.mixing (authors or
     * one-per-anchor), metrix.form (ms), metrix.alpha (2), metrix.weight (0.4).
     *
     * @throws IllegalArgumentException naming the bad key and value
     */
    public static MetrixStep fromParams(EmbeddingLoss clean, Map<String, String> params) {
        String form = params.getOrDefault("metrix.form", "ms");
        return new MetrixStep(Level.parse(params.get("metrix.level")),
                Mixing.parse(params.get("metrix.mixing")), clean,
                MetrixLoss.Form.parse(form),
                number(params, "metrix.alpha", MetrixLoss.DEFAULT_ALPHA),
                number(params, "metrix.weight", DEFAULT_WEIGHT), null);
    }

    /** What the step of these method parameters mixes and how, as {@link #toString} says it. */
    public static String describe(Map<String, String> params) {
        // the description does not depend on the clean loss, which is the run's own
        return fromParams(null, params).toString();
    }

    /**
     * Refuses, before training starts, a batch too large for the authors' mixing
     * ({@link #MAX_AUTHORS_BATCH}); no-op without Metrix mixing in the parameters.
     *
     * @throws IllegalArgumentException naming the options to change
     */
    public static void checkBatchSize(Map<String, String> params, int batchSize) {
        if (params.containsKey("metrix.level") && batchSize > MAX_AUTHORS_BATCH
                && Mixing.parse(params.get("metrix.mixing")) == Mixing.AUTHORS) {
            throw new IllegalArgumentException("--batch " + batchSize + " is too large for Metrix's "
                    + "authors' mixing at the " + params.get("metrix.level") + " level (batch^3 "
                    + "scalars or batch x (m - 1) images per step, at most " + MAX_AUTHORS_BATCH
                    + "): use --batch " + MAX_AUTHORS_BATCH + " or less, or --method-param "
                    + "metrix.mixing=one-per-anchor");
        }
    }

    private static double number(Map<String, String> params, String key, double fallback) {
        String text = params.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("method parameter " + key + " must be a number, got '"
                    + text + "'");
        }
    }

    @Override
    public float forwardBackward(Batch batch, int epoch, int step) {
        try (GradientCollector collector = batch.trainer().newGradientCollector()) {
            ParameterStore store = new ParameterStore(batch.scope(), false);
            // the feature level keeps the clean batch's feature maps (and raw embeddings) to mix
            NDArray featureMaps = level == Level.FEATURE
                    ? batch.net().featureMap(store, batch.images(), true) : null;
            NDArray raw = featureMaps != null ? batch.net().rawEmbedding(store, featureMaps, true) : null;
            NDList predictions = raw != null ? batch.net().fromRawEmbedding(store, raw, true)
                    : batch.trainer().forward(new NDList(batch.images()));
            NDArray embeddings = predictions.head();
            NDArray total = clean.evaluate(new NDList(batch.labels()), predictions);
            if (weight > 0) {
                double lambda = lambda(embeddings);
                NDArray mixed = raw != null && mixing == Mixing.AUTHORS
                        ? everyTripleTerm(batch, raw, lambda)
                        : explicitTerm(batch, store, featureMaps, embeddings, lambda);
                if (mixed != null) {
                    total = total.add(mul(mixed, weight));
                }
            }
            float value = total.getFloat();
            BatchStep.checkFinite(value, batch.net(), embeddings, epoch, step);
            collector.backward(total);
            return value;
        }
    }

    /**
     * Every (a, p, n) of the batch at the feature level, in closed form from the raw embeddings
     * ({@link MixedTriples}): exact for every network here, whose head after the feature map is
     * global average pooling and a linear layer.
     */
    private NDArray everyTripleTerm(Batch batch, NDArray raw, double lambda) {
        return MetrixLoss.overTriples(form, new MixedTriples(raw, lambda),
                PairMasks.fromLabels(batch.labels()).tripletMask(), lambda,
                batch.net().spec().normalizeEmbedding(), MetrixLoss.DEFAULT_NEG_MARGIN);
    }

    /**
     * The soft-label loss of (anchor, mixed item) pairs built explicitly, images or feature maps;
     * null when no anchor has both a positive and a negative.
     */
    private NDArray explicitTerm(Batch batch, ParameterStore store, NDArray featureMaps,
            NDArray embeddings, double lambda) {
        long[] labels = batch.labels().toType(DataType.INT64, false).toLongArray();
        NDArray detached = embeddings.stopGradient();
        int[][] pairs = mixing == Mixing.AUTHORS
                ? MixPartners.everyPositiveWithHardestNegative(detached, labels)
                : MixPartners.hardest(detached, labels);
        if (pairs.length == 0) {
            return null;
        }
        long[] anchors = new long[pairs.length];
        long[] positives = new long[pairs.length];
        long[] negatives = new long[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            anchors[i] = pairs[i][0];
            positives[i] = pairs[i][1];
            negatives[i] = pairs[i][2];
        }
        float l = (float) lambda;
        NDArray source = featureMaps != null ? featureMaps : batch.images();
        NDArray mixedRows = mul(rows(source, positives), l).add(mul(rows(source, negatives), 1 - l));
        NDArray mixed = featureMaps != null
                ? batch.net().fromFeatureMap(store, mixedRows, true).head()
                : batch.trainer().forward(new NDList(mixedRows)).head();
        NDArray anchorRows = rows(embeddings, anchors);
        if (form == MetrixLoss.Form.MS) {
            // (B, P): row a holds the similarities of a's own mixed items, the rest is masked out
            NDArray paired = anchorRows.normalize(2, 1).mul(mixed.normalize(2, 1)).sum(new int[] {1});
            NDArray similarity = paired.reshape(1, pairs.length).broadcast(
                    new Shape(labels.length, pairs.length));
            boolean[] own = new boolean[labels.length * pairs.length];
            for (int j = 0; j < pairs.length; j++) {
                own[(int) anchors[j] * pairs.length + j] = true;
            }
            NDArray mask = batch.scope().create(own, new Shape(labels.length, pairs.length));
            return MetrixLoss.multiSimilarity(similarity, mask, lambda);
        }
        NDArray distance = add(anchorRows.sub(mixed).square().sum(new int[] {1}, true),
                1e-12).sqrt();
        NDArray mask = batch.scope().ones(new Shape(pairs.length, 1)).toType(DataType.BOOLEAN, false);
        return MetrixLoss.contrastive(distance, mask, lambda, MetrixLoss.DEFAULT_NEG_MARGIN);
    }

    private static NDArray rows(NDArray array, long[] index) {
        Shape shape = array.getShape();
        long[] dims = shape.getShape().clone();
        dims[0] = index.length;
        long[] ones = new long[dims.length];
        java.util.Arrays.fill(ones, 1);
        ones[0] = index.length;
        NDArray where = array.getManager().create(index).reshape(new Shape(ones))
                .broadcast(new Shape(dims));
        return array.gather(where, 0);
    }

    private double lambda(NDArray embeddings) {
        if (fixedLambda != null) {
            return fixedLambda;
        }
        return BetaSampler.drawWithEngine(embeddings.getManager(), alpha, alpha);
    }

    @Override
    public String toString() {
        return "Metrix " + level.name().toLowerCase(Locale.ROOT) + " level, "
                + (mixing == Mixing.AUTHORS ? (level == Level.INPUT
                        ? "every positive pair with its anchor's hardest negative"
                        : "every positive pair with every negative (closed form)")
                        : "each anchor's hardest positive with its hardest negative")
                + ", " + form.name().toLowerCase(Locale.ROOT) + " form, weight "
                + weight + ", lambda ~ Beta(" + alpha + ", " + alpha + ")";
    }
}
