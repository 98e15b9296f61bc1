package org.dmlworkbench.transfer;

import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.mul;
import static org.dmlworkbench.tensor.Scalars.subFrom;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.dmlworkbench.loss.PairMasks;

/**
 * Contr: student query s_i against the teacher vectors t_j of the other batch items (j != i),
 * D = ||s_i - t_j||; same-label pairs cost 0.5 D^2, different-label pairs 0.5 max(0, m - D)^2;
 * mean over all those pairs. The authors use m = 0.7.
 */
public final class AsymmetricContrastiveLoss extends AsymmetricLoss {

    private final double margin;

    public AsymmetricContrastiveLoss(double margin) {
        super("asym-contr");
        if (!(margin > 0)) {
            throw new IllegalArgumentException("asym-contr.margin must be > 0, got " + margin);
        }
        this.margin = margin;
    }

    @Override
    public NDArray compute(NDArray student, NDArray teacher, NDArray labels) {
        NDArray distances = CrossSpace.distances(student, teacher);
        PairMasks masks = PairMasks.fromLabels(labels, labels, true);
        NDArray positive = masks.positive().toType(DataType.FLOAT32, false);
        NDArray negative = masks.negative().toType(DataType.FLOAT32, false);
        NDArray pull = distances.square().mul(positive);
        NDArray push = max(subFrom(margin, distances), 0).square().mul(negative);
        float pairs = positive.add(negative).sum().getFloat();
        if (pairs == 0) {
            return mul(distances.sum(), 0);
        }
        return mul(pull.add(push).sum(), 0.5f / pairs);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("margin", margin);
        settings.put("pairs", "student query i with teacher vectors j != i, mean over pairs");
        return settings;
    }
}
