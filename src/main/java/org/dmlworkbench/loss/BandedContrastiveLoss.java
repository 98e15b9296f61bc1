package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.add;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.Map;
import org.dmlworkbench.loss.distances.Distance;
import org.dmlworkbench.loss.distances.EuclideanDistance;
import org.dmlworkbench.loss.reducers.AvgNonZeroReducer;
import org.dmlworkbench.loss.reducers.Reducer;

/**
 * Banded contrastive loss: the formula of Wu et al. 2017's margin loss ("Sampling Matters in Deep
 * Embedding Learning", Eq. 4), {@code [margin + y (d(i,j) - beta)]+} with y = +1 for positive and
 * -1 for negative pairs, on the Euclidean distance, summed over all ordered pairs of the batch and
 * divided by the number of non-zero terms (positive and negative together), as the authors' code
 * does.
 *
 * <p>It is named for what it is, not "margin loss": Wu et al.'s loss learns beta (per class) and
 * draws negatives by distance-weighted sampling, and neither is here (beta is a fixed
 * hyper-parameter, every pair is used), which leaves a contrastive loss with a band of width
 * 2 * margin around beta. The old name "margin" is still read (configs of earlier runs) and
 * builds this loss.
 */
public final class BandedContrastiveLoss extends PairLoss {

    public static final double DEFAULT_MARGIN = 0.2;
    public static final double DEFAULT_BETA = 1.2;

    private final double margin;
    private final double beta;
    private final Reducer reducer;

    /** The paper's margin 0.2 and initial beta 1.2. */
    public BandedContrastiveLoss() {
        this(DEFAULT_MARGIN, DEFAULT_BETA);
    }

    public BandedContrastiveLoss(double margin, double beta) {
        this(margin, beta, new EuclideanDistance(), new AvgNonZeroReducer());
    }

    public BandedContrastiveLoss(double margin, double beta, Distance distance, Reducer reducer) {
        super("banded", distance);
        if (!(margin >= 0) || Double.isInfinite(margin) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("banded loss needs a finite margin >= 0 and a "
                    + "finite beta, got margin " + margin + " and beta " + beta);
        }
        this.margin = margin;
        this.beta = beta;
        this.reducer = reducer;
    }

    @Override
    protected NDArray formula(Pairs pairs) {
        NDArray matrix = pairs.matrix();
        float band = (float) margin;
        NDArray positiveTerms = Activation.relu(add(distance().fartherThan(matrix, beta), band));
        NDArray negativeTerms = Activation.relu(add(distance().closerThan(matrix, beta), band));
        return reducer.reduce(NDArrays.stack(new NDList(positiveTerms, negativeTerms)),
                NDArrays.stack(new NDList(pairs.masks().positive(), pairs.masks().negative())));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("margin", margin);
        settings.put("beta", beta);
        settings.put("beta-learnable", false);
        settings.put("sampling", "all pairs");
        settings.put("paper", "Wu et al. 2017 margin loss formula without its learnable beta and"
                + " distance-weighted sampling");
        settings.put("distance", distance().describe());
        settings.put("reducer", reducer.describe() + " (positive and negative terms together)");
        return settings;
    }
}
