package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.gt;
import static org.dmlworkbench.tensor.Scalars.lt;
import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.mul;
import static org.dmlworkbench.tensor.Scalars.subFrom;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Map;
import org.dmlworkbench.loss.distances.EuclideanDistance;

/**
 * Contr and Contr+ of Budnik and Avrithis as their code defines them, on a batch: each student
 * query s_i forms a tuple (s_i, positive, n_1..n_N) with vectors of the teacher's space,
 * D = ||s_i - t||, a positive costs 0.5 D^2, a negative 0.5 max(0, m - D)^2, the tuple's loss is
 * the sum of its terms, and the batch loss the mean over tuples (the authors sum over their 5
 * tuples per step: a constant factor an adaptive optimiser does not see).
 *
 * <ul>
 *   <li>The positive: the authors draw one same-class image per tuple; here its term is the mean
 *       over the batch's same-class teacher vectors t_j (j != i), the expectation of that draw.</li>
 *   <li>The negatives are mined, as the authors mine them with the student query in a teacher
 *       pool: the N teacher vectors nearest to s_i among other classes, at most one per class
 *       (their miner skips a candidate whose cluster is already used). The pool is the batch.</li>
 *   <li>Contr+ adds the image's own teacher vector t_i as one more positive of the tuple, with
 *       the same weight as the other positive: not a regression term over the batch that would
 *       outweigh the contrastive ones.</li>
 * </ul>
 * A query with no positive (Contr, a class alone in the batch) forms no tuple. The authors use
 * m = 0.7 and N = 5.
 */
public final class AsymmetricContrastiveLoss extends PairLoss {

    /** Added to distances that must not be chosen (own class, absent class) before a minimum. */
    private static final float EXCLUDED = 1e6f;

    private final double margin;
    private final int negatives;
    private final boolean ownTeacherPositive;

    public AsymmetricContrastiveLoss(String name, double margin, int negatives,
            boolean ownTeacherPositive) {
        super(name, new EuclideanDistance());
        if (!(margin > 0)) {
            throw new IllegalArgumentException(name + ".margin must be > 0, got " + margin);
        }
        if (negatives < 1) {
            throw new IllegalArgumentException(name + ".negatives must be >= 1, got " + negatives);
        }
        this.margin = margin;
        this.negatives = negatives;
        this.ownTeacherPositive = ownTeacherPositive;
    }

    @Override
    protected NDArray formula(Pairs pairs) {
        NDArray distances = pairs.matrix();
        NDArray positive = pairs.masks().positive().toType(DataType.FLOAT32, false);
        NDArray positiveCount = positive.sum(new int[] {1});
        NDArray hasPositive = gt(positiveCount, 0).toType(DataType.FLOAT32, false);
        NDArray pull = mul(distances.square().mul(positive).sum(new int[] {1})
                .div(max(positiveCount, 1)), 0.5);
        NDArray tuples = hasPositive;
        if (ownTeacherPositive) {
            NDArray own = pairs.queries().sub(pairs.references()).square().sum(new int[] {1});
            pull = pull.add(mul(own, 0.5));
            tuples = tuples.onesLike();
        }
        NDArray push = minedNegativeTerms(distances, pairs.labels());
        // no tuple at all gives 0, still in the graph
        return pull.add(push).mul(tuples).sum().div(max(tuples.sum(), 1));
    }

    /** (B) the sum over each query's mined negatives of 0.5 max(0, m - D)^2. */
    private NDArray minedNegativeTerms(NDArray distances, NDArray labels) {
        NDManager manager = distances.getManager();
        long[] labelValues = labels.toType(DataType.INT64, false).toLongArray();
        long[] classes = Arrays.stream(labelValues).distinct().sorted().toArray();
        // membership (B, K): item j belongs to class k
        NDArray membership = labels.toType(DataType.INT64, false).reshape(-1, 1)
                .eq(manager.create(classes).reshape(1, -1)).toType(DataType.FLOAT32, false);
        // (B, B, K): distance to item j if j is in class k, else excluded; min over j per class
        NDArray perClass = distances.expandDims(2)
                .add(mul(subFrom(1, membership), EXCLUDED).expandDims(0))
                .min(new int[] {1});
        // a query's own class is never a negative
        NDArray classMin = perClass.add(mul(membership, EXCLUDED));
        int candidates = classes.length - 1;
        if (candidates < 1) {
            return mul(distances.sum(new int[] {1}), 0);
        }
        int chosen = Math.min(negatives, candidates);
        // the chosen-th smallest per row, as a threshold (ties at it are all kept: rare, harmless)
        NDArray threshold = classMin.stopGradient().sort(1).get(":, " + (chosen - 1)).reshape(-1, 1);
        NDArray mined = classMin.lte(threshold).logicalAnd(lt(classMin, EXCLUDED / 2))
                .toType(DataType.FLOAT32, false);
        NDArray hinge = max(subFrom(margin, classMin), 0).square();
        return mul(hinge.mul(mined).sum(new int[] {1}), 0.5);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("margin", margin);
        settings.put("negatives", negatives);
        settings.put("ownTeacherPositive", ownTeacherPositive);
        settings.put("tuple", "student query; positive term = mean over same-class teacher"
                + " vectors j != i" + (ownTeacherPositive ? ", plus the own teacher vector as one"
                + " more positive" : "") + "; the " + negatives + " nearest other-class teacher"
                + " vectors, one per class; sum over the tuple, mean over tuples");
        return settings;
    }
}
