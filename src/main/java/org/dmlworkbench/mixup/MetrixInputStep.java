package org.dmlworkbench.mixup;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.Map;
import org.dmlworkbench.loss.BetaSampler;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.MetrixLoss;
import org.dmlworkbench.training.BatchStep;

/**
 * Metrix at the input level (Venkataramanan et al., ICLR 2022): each anchor's hardest positive
 * (lowest similarity) is mixed, as an image, with its hardest negative (highest similarity):
 * x_u = lambda x_p + (1 - lambda) x_n, and the mixed images are embedded in a second forward
 * call. The pair (a, u) carries the interpolated label lambda in the clean loss's generic form
 * ({@link MetrixLoss#multiSimilarity} or {@link MetrixLoss#contrastive}); the step
 * back-propagates {@code clean + weight * mixed}. lambda ~ Beta(alpha, alpha) once per batch.
 * BatchNorm normalises the mixed images with their own statistics. Chosen with
 * {@code --method-param metrix.level=input}.
 */
public final class MetrixInputStep implements BatchStep {

    public static final double DEFAULT_WEIGHT = 0.4;

    private final EmbeddingLoss clean;
    private final MetrixLoss.Form form;
    private final double alpha;
    private final double weight;
    private final Double fixedLambda;
    private BetaSampler sampler;

    /**
     * @param fixedLambda a constant lambda in [0, 1], or null to draw it each batch
     */
    public MetrixInputStep(EmbeddingLoss clean, MetrixLoss.Form form, double alpha, double weight,
            Double fixedLambda) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("metrix.weight must be a number >= 0, got " + weight);
        }
        if (fixedLambda != null && !(fixedLambda >= 0 && fixedLambda <= 1)) {
            throw new IllegalArgumentException("Metrix lambda must lie in [0, 1], got " + fixedLambda);
        }
        new BetaSampler(alpha, alpha, 0); // validates alpha
        this.clean = clean;
        this.form = form;
        this.alpha = alpha;
        this.weight = weight;
        this.fixedLambda = fixedLambda;
    }

    /**
     * From method parameters: metrix.form (ms), metrix.alpha (2), metrix.weight (0.4).
     *
     * @throws IllegalArgumentException naming the bad key and value
     */
    public static MetrixInputStep fromParams(EmbeddingLoss clean, Map<String, String> params) {
        String form = params.getOrDefault("metrix.form", "ms");
        return new MetrixInputStep(clean, MetrixLoss.Form.parse(form),
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
            NDList predictions = batch.trainer().forward(new NDList(batch.images()));
            NDArray embeddings = predictions.head();
            NDArray total = clean.evaluate(new NDList(batch.labels()), predictions);
            int[][] pairs = MixPartners.hardest(embeddings.stopGradient(),
                    batch.labels().toType(DataType.INT64, false).toLongArray());
            if (pairs.length > 0 && weight > 0) {
                total = total.add(mixedTerm(batch, embeddings, pairs).mul((float) weight));
            }
            float value = total.getFloat();
            BatchStep.checkFinite(value, batch.net(), embeddings, epoch, step);
            collector.backward(total);
            return value;
        }
    }

    /** The soft-label loss of (anchor, mixed image) pairs; pairs are {anchor, positive, negative}. */
    NDArray mixedTerm(Batch batch, NDArray embeddings, int[][] pairs) {
        double lambda = lambda(embeddings);
        NDArray images = batch.images();
        long[] anchors = new long[pairs.length];
        long[] positives = new long[pairs.length];
        long[] negatives = new long[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            anchors[i] = pairs[i][0];
            positives[i] = pairs[i][1];
            negatives[i] = pairs[i][2];
        }
        float l = (float) lambda;
        NDArray mixedImages = rows(images, positives).mul(l).add(rows(images, negatives).mul(1 - l));
        NDArray mixed = batch.trainer().forward(new NDList(mixedImages)).head();
        NDArray anchorRows = rows(embeddings, anchors);
        NDArray mask = batch.scope().ones(new Shape(pairs.length, 1)).toType(DataType.BOOLEAN, false);
        if (form == MetrixLoss.Form.MS) {
            NDArray similarity = anchorRows.normalize(2, 1).mul(mixed.normalize(2, 1))
                    .sum(new int[] {1}, true);
            return MetrixLoss.multiSimilarity(similarity, mask, lambda);
        }
        NDArray distance = anchorRows.sub(mixed).square().sum(new int[] {1}, true).add(1e-12f).sqrt();
        return MetrixLoss.contrastive(distance, mask, lambda);
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
        if (sampler == null) {
            long seed = embeddings.getManager().randomInteger(0, Integer.MAX_VALUE, new Shape(1),
                    DataType.INT64).getLong();
            sampler = new BetaSampler(alpha, alpha, seed);
        }
        return sampler.next();
    }

    @Override
    public String toString() {
        return "Metrix input level, " + form.name().toLowerCase(Locale.ROOT) + " form, weight "
                + weight + ", lambda ~ Beta(" + alpha + ", " + alpha + ")";
    }
}
