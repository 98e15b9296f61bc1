package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.div;
import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.dmlworkbench.loss.distances.CosineSimilarity;
import org.dmlworkbench.loss.distances.Distance;
import org.dmlworkbench.loss.reducers.MeanReducer;

/**
 * NT-Xent (normalised temperature-scaled cross-entropy, the InfoNCE of SimCLR, in the
 * supervised form of pytorch-metric-learning's {@code NTXentLoss}): for each positive pair (a, p),
 * with x = similarity / tau,
 * <pre>
 *   -log( exp(x[a,p]) / (exp(x[a,p]) + sum over negatives n of a of exp(x[a,n])) )
 * </pre>
 * averaged over the positive pairs. A distance enters as its negative (closer = larger).
 *
 * <p>Written as an example of how small a pair loss is: the base class builds the matrix and
 * masks, this class writes the formula, and {@link LossKind} holds its one registry entry.
 */
public final class NTXentLoss extends PairLoss {

    /** pytorch-metric-learning's default temperature. */
    public static final double DEFAULT_TEMPERATURE = 0.07;

    private final double temperature;

    public NTXentLoss(double temperature) {
        this(temperature, new CosineSimilarity());
    }

    public NTXentLoss(double temperature, Distance distance) {
        super("ntxent", distance);
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("ntxent.temperature must be a finite number > 0, got "
                    + temperature);
        }
        this.temperature = temperature;
    }

    @Override
    protected NDArray formula(Pairs pairs) {
        NDArray x = div(distance().closerThan(pairs.matrix(), 0), temperature);
        // One shift per anchor (its largest entry, no gradient) keeps every exponent <= 0; the
        // shift cancels between numerator and denominator.
        NDArray shifted = x.sub(x.max(new int[] {1}, true).stopGradient());
        NDArray negatives = pairs.masks().negative().toType(x.getDataType(), false);
        NDArray negativeSum = shifted.exp().mul(negatives).sum(new int[] {1}, true);
        NDArray perPair = shifted.exp().add(negativeSum).log().sub(shifted);
        return new MeanReducer().reduce(perPair, pairs.masks().positive());
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("temperature", temperature);
        settings.put("distance", distance().describe());
        settings.put("reducer", "mean over positive pairs");
        return settings;
    }
}
