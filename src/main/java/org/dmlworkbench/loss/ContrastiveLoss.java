package org.dmlworkbench.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Map;
import org.dmlworkbench.loss.distances.Distance;
import org.dmlworkbench.loss.distances.EuclideanDistance;
import org.dmlworkbench.loss.reducers.AvgNonZeroReducer;
import org.dmlworkbench.loss.reducers.Reducer;

/**
 * Contrastive loss in pytorch-metric-learning's form (Hadsell et al. 2006 with margins on both
 * sides, hinge not squared): over all ordered pairs of the batch,
 * {@code pos = [d(a,p) - posMargin]+} and {@code neg = [negMargin - d(a,n)]+}; the loss is the
 * mean of the non-zero positive terms plus the mean of the non-zero negative terms (each through
 * the {@link Reducer}, by default {@link AvgNonZeroReducer}).
 */
public final class ContrastiveLoss extends PairLoss {

    public static final double DEFAULT_POS_MARGIN = 0.0;
    public static final double DEFAULT_NEG_MARGIN = 1.0;

    private final double posMargin;
    private final double negMargin;
    private final Reducer reducer;

    /** pml defaults: margins 0 and 1 on the Euclidean distance. */
    public ContrastiveLoss() {
        this(DEFAULT_POS_MARGIN, DEFAULT_NEG_MARGIN);
    }

    public ContrastiveLoss(double posMargin, double negMargin) {
        this(posMargin, negMargin, new EuclideanDistance(), new AvgNonZeroReducer());
    }

    public ContrastiveLoss(double posMargin, double negMargin, Distance distance,
            Reducer reducer) {
        super("contrastive", distance);
        if (!Double.isFinite(posMargin) || !Double.isFinite(negMargin)) {
            throw new IllegalArgumentException("contrastive margins must be finite, got "
                    + posMargin + " and " + negMargin);
        }
        if (!distance.isInverted() && negMargin <= posMargin
                || distance.isInverted() && negMargin >= posMargin) {
            throw new IllegalArgumentException("contrastive negative margin " + negMargin
                    + " must lie farther apart than the positive margin " + posMargin + " for "
                    + distance.describe());
        }
        this.posMargin = posMargin;
        this.negMargin = negMargin;
        this.reducer = reducer;
    }

    @Override
    protected NDArray formula(Pairs pairs) {
        NDArray positiveTerms = Activation.relu(distance().fartherThan(pairs.matrix(), posMargin));
        NDArray negativeTerms = Activation.relu(distance().closerThan(pairs.matrix(), negMargin));
        return reducer.reduce(positiveTerms, pairs.masks().positive())
                .add(reducer.reduce(negativeTerms, pairs.masks().negative()));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("pos-margin", posMargin);
        settings.put("neg-margin", negMargin);
        settings.put("distance", distance().describe());
        settings.put("reducer", reducer.describe() + " (positive and negative terms separately, "
                + "summed)");
        return settings;
    }
}
