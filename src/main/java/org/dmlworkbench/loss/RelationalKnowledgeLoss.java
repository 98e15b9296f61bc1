package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.div;
import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.mul;
import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * RKD (Park et al., "Relational Knowledge Distillation"): the student's pairwise distances and
 * triplet angles, each computed within the student's own space, match the teacher's.
 * Distance term: Huber(d_s(i, j) / mu_s - d_t(i, j) / mu_t) averaged over all B^2 pairs, mu =
 * mean distance over the pairs i != j. Angle term: Huber(cos_s(i, j, k) - cos_t(i, j, k)) averaged
 * over all B^3 triples, cos(i, j, k) = &lt;e_ij, e_kj&gt; with e_ij = (x_i - x_j) / ||x_i - x_j||
 * (0 when i = j), as in the authors' code. Total = w_d * distance + w_a * angle (1 and 2 there).
 * Both spaces may have different dimensions.
 */
public final class RelationalKnowledgeLoss extends TeacherLoss {

    private static final float NORM_FLOOR = 1e-12f;

    private final double distanceWeight;
    private final double angleWeight;

    public RelationalKnowledgeLoss(double distanceWeight, double angleWeight) {
        super("rkd");
        if (distanceWeight < 0 || angleWeight < 0 || distanceWeight + angleWeight == 0) {
            throw new IllegalArgumentException("rkd.distance-weight and rkd.angle-weight must be"
                    + " >= 0 and not both 0, got " + distanceWeight + " and " + angleWeight);
        }
        this.distanceWeight = distanceWeight;
        this.angleWeight = angleWeight;
    }

    @Override
    public boolean comparesVectorsAcrossSpaces() {
        return false;
    }

    @Override
    protected NDArray computeWithTeacher(NDArray student, NDArray teacher, NDArray labels) {
        NDArray total = mul(student.sum(), 0);
        if (distanceWeight > 0) {
            NDArray difference = normalisedDistances(student).sub(normalisedDistances(teacher));
            total = total.add(mul(CrossSpace.huber(difference).mean(), distanceWeight));
        }
        if (angleWeight > 0) {
            NDArray difference = angles(student).sub(angles(teacher));
            total = total.add(mul(CrossSpace.huber(difference).mean(), angleWeight));
        }
        return total;
    }

    private static NDArray normalisedDistances(NDArray x) {
        NDArray distances = CrossSpace.selfDistances(x);
        long rows = x.getShape().get(0);
        NDArray mean = max(div(distances.sum(), Math.max(1, rows * (rows - 1))), NORM_FLOOR);
        return distances.div(mean);
    }

    /** (B, B, B): entry [j, i, k] is the cosine of the angle at x_j between x_i and x_k. */
    private static NDArray angles(NDArray x) {
        NDArray differences = x.expandDims(0).sub(x.expandDims(1)); // [j, i] = x_i - x_j
        NDArray units = differences.div(max(differences.norm(new int[] {2}, true), NORM_FLOOR));
        return units.batchMatMul(units.transpose(0, 2, 1));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("distanceWeight", distanceWeight);
        settings.put("angleWeight", angleWeight);
        return settings;
    }
}
