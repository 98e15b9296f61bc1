package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.subFrom;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Map;
import org.dmlworkbench.loss.distances.Distance;
import org.dmlworkbench.loss.distances.EuclideanDistance;
import org.dmlworkbench.loss.miners.TripletMiner;
import org.dmlworkbench.loss.reducers.AvgNonZeroReducer;
import org.dmlworkbench.loss.reducers.Reducer;

/**
 * Triplet margin loss {@code [d(a,p) - d(a,n) + margin]+} over the triplets of the batch that the
 * {@link TripletMiner} keeps (all valid ones, or the semi-hard or hard ones), averaged over the
 * non-zero terms. All B^3 triplets are scored at once as a (B, B, B) tensor: 2M floats at batch
 * 128.
 *
 * <p>Default: FaceNet's margin 0.2 on squared Euclidean distances, the pairing FaceNet used (on
 * unit vectors 0.2 in squared distance is about 0.1 in plain distance near d = 1, close to the
 * 0.096 that Musgrave et al. 2020 found best).
 */
public final class TripletMarginLoss extends PairLoss {

    public static final double DEFAULT_MARGIN = 0.2;

    private final double margin;
    private final TripletMiner miner;
    private final Reducer reducer;

    /** FaceNet: margin 0.2, squared Euclidean distance, all triplets. */
    public TripletMarginLoss() {
        this(DEFAULT_MARGIN, TripletMiner.Mode.ALL, true);
    }

    public TripletMarginLoss(double margin, TripletMiner.Mode mining, boolean squared) {
        this(margin, new EuclideanDistance(false, squared), new TripletMiner(mining, margin),
                new AvgNonZeroReducer());
    }

    public TripletMarginLoss(double margin, Distance distance, TripletMiner miner,
            Reducer reducer) {
        super("triplet", distance);
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("triplet margin must be a finite number >= 0, got "
                    + margin);
        }
        this.margin = margin;
        this.miner = miner;
        this.reducer = reducer;
    }

    @Override
    protected NDArray formula(Pairs pairs) {
        NDArray matrix = pairs.matrix();
        NDArray kept = miner.mine(matrix, distance(), pairs.masks());
        NDArray separation = distance().separation(matrix.expandDims(2), matrix.expandDims(1));
        NDArray terms = Activation.relu(subFrom(margin, separation));
        return reducer.reduce(terms, kept);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("margin", margin);
        settings.put("mining", miner.describe());
        settings.put("distance", distance().describe());
        settings.put("reducer", reducer.describe());
        return settings;
    }
}
