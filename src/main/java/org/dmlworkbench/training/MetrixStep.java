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

/**
 * Metrix at the input or the feature level (Venkataramanan et al., ICLR 2022): each anchor's
 * hardest positive (lowest similarity) is mixed with its hardest negative (highest similarity),
 * u = lambda x_p + (1 - lambda) x_n, where x is the image ({@link Level#INPUT}: the mixed images
 * are embedded in a second forward call, BatchNorm normalising them with their own statistics)
 * or the backbone's last feature map before pooling ({@link Level#FEATURE}, the authors' default:
 * the clean batch is embedded through its feature maps and the mixed maps go through the rest of
 * the network, pooling, embedding layer, normalisation). The pair (a, u) carries the
 * interpolated label lambda in the clean loss's generic form ({@link MetrixLoss#multiSimilarity}
 * or {@link MetrixLoss#contrastive}); the step back-propagates {@code clean + weight * mixed}.
 * lambda ~ Beta(alpha, alpha) once per batch. Chosen with
 * {@code --method-param metrix.level=input|feature}; the embedding level is the loss term
 * {@code ms+metrix:W}.
 *
 * <p>Where this departs from the authors' code (billpsomas/metrix, read for issue 18): they mix,
 * at the input level, every positive pair with its anchor's hardest negative and, at the feature
 * level, every positive pair with every negative of its anchor. Here both levels make one mixed
 * item per anchor (its hardest positive with its hardest negative), so a step costs one extra
 * forward pass of the batch (input) or of the head (feature) instead of B (m - 1) or
 * B (m - 1) (B - m) of them (1,920 images, or 215,040 feature maps, at batch 128 with m = 16).
 * The embedding level ({@link MetrixLoss}) follows the authors and can take the restriction as an
 * option; docs/RESULTS.md section 5 measures what it changes there.
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

    public static final double DEFAULT_WEIGHT = 0.4;

    private final Level level;
    private final EmbeddingLoss clean;
    private final MetrixLoss.Form form;
    private final double alpha;
    private final double weight;
    private final Double fixedLambda;

    /**
     * @param fixedLambda a constant lambda in [0, 1], or null to draw it each batch
     */
    public MetrixStep(Level level, EmbeddingLoss clean, MetrixLoss.Form form, double alpha,
            double weight, Double fixedLambda) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("metrix.weight must be a number >= 0, got " + weight);
        }
        if (fixedLambda != null && !(fixedLambda >= 0 && fixedLambda <= 1)) {
            throw new IllegalArgumentException("Metrix lambda must lie in [0, 1], got " + fixedLambda);
        }
        new BetaSampler(alpha, alpha, 0); // validates alpha
        this.level = level;
        this.clean = clean;
        this.form = form;
        this.alpha = alpha;
        this.weight = weight;
        this.fixedLambda = fixedLambda;
    }

    /**
     * From method parameters: metrix.level (input or feature), metrix.form (ms), metrix.alpha
     * (2), metrix.weight (0.4).
     *
     * @throws IllegalArgumentException naming the bad key and value
     */
    public static MetrixStep fromParams(EmbeddingLoss clean, Map<String, String> params) {
        String form = params.getOrDefault("metrix.form", "ms");
        return new MetrixStep(Level.parse(params.get("metrix.level")), clean,
                MetrixLoss.Form.parse(form),
                number(params, "metrix.alpha", MetrixLoss.DEFAULT_ALPHA),
                number(params, "metrix.weight", DEFAULT_WEIGHT), null);
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
            // the feature level keeps the clean batch's feature maps to mix them
            NDArray featureMaps = level == Level.FEATURE
                    ? batch.net().featureMap(store, batch.images(), true) : null;
            NDList predictions = featureMaps != null
                    ? batch.net().fromFeatureMap(store, featureMaps, true)
                    : batch.trainer().forward(new NDList(batch.images()));
            NDArray embeddings = predictions.head();
            NDArray total = clean.evaluate(new NDList(batch.labels()), predictions);
            int[][] pairs = MixPartners.hardest(embeddings.stopGradient(),
                    batch.labels().toType(DataType.INT64, false).toLongArray());
            if (pairs.length > 0 && weight > 0) {
                NDArray mixed = mixedTerm(batch, store, featureMaps, embeddings, pairs);
                total = total.add(mul(mixed, weight));
            }
            float value = total.getFloat();
            BatchStep.checkFinite(value, batch.net(), embeddings, epoch, step);
            collector.backward(total);
            return value;
        }
    }

    /** The soft-label loss of (anchor, mixed item) pairs; pairs are {anchor, positive, negative}. */
    private NDArray mixedTerm(Batch batch, ParameterStore store, NDArray featureMaps,
            NDArray embeddings, int[][] pairs) {
        double lambda = lambda(embeddings);
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
        NDArray mask = batch.scope().ones(new Shape(pairs.length, 1)).toType(DataType.BOOLEAN, false);
        if (form == MetrixLoss.Form.MS) {
            NDArray similarity = anchorRows.normalize(2, 1).mul(mixed.normalize(2, 1))
                    .sum(new int[] {1}, true);
            return MetrixLoss.multiSimilarity(similarity, mask, lambda);
        }
        NDArray distance = add(anchorRows.sub(mixed).square().sum(new int[] {1}, true), 1e-12).sqrt();
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
        return "Metrix " + level.name().toLowerCase(Locale.ROOT) + " level, " + form.name().toLowerCase(Locale.ROOT) + " form, weight "
                + weight + ", lambda ~ Beta(" + alpha + ", " + alpha + ")";
    }
}
