package org.dmlworkbench.transfer;

import static org.dmlworkbench.tensor.Scalars.add;
import static org.dmlworkbench.tensor.Scalars.div;
import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.dmlworkbench.loss.PairMasks;

/**
 * Triplet loss in the asymmetric similarity: anchor = student s_a, positive and negative =
 * teacher vectors t_p (same label, p != a) and t_n (other label);
 * [||s_a - t_p|| - ||s_a - t_n|| + m]_+ averaged over every valid triplet of the batch.
 */
public final class AsymmetricTripletLoss extends AsymmetricLoss {

    private final double margin;

    public AsymmetricTripletLoss(double margin) {
        super("asym-triplet");
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("asym-triplet.margin must be >= 0, got " + margin);
        }
        this.margin = margin;
    }

    @Override
    public NDArray compute(NDArray student, NDArray teacher, NDArray labels) {
        NDArray distances = CrossSpace.distances(student, teacher);
        NDArray valid = PairMasks.fromLabels(labels, labels, true).tripletMask()
                .toType(DataType.FLOAT32, false);
        NDArray hinge = max(add(distances.expandDims(2).sub(distances.expandDims(1)), margin), 0)
                .mul(valid);
        float count = valid.sum().getFloat();
        if (count == 0) {
            return mul(distances.sum(), 0);
        }
        return div(hinge.sum(), count);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("margin", margin);
        settings.put("reduction", "mean over all valid triplets");
        return settings;
    }
}
