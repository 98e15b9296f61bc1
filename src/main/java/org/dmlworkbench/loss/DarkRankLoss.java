package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.add;
import static org.dmlworkbench.tensor.Scalars.div;
import static org.dmlworkbench.tensor.Scalars.mul;
import static org.dmlworkbench.tensor.Scalars.pow;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * DarkRank, hard-rank variant (Chen et al., "DarkRank: Accelerating Deep Metric Learning via
 * Cross Sample Similarities Transfer"): for each query i the teacher ranks the other batch items
 * by its own distance (nearest first; ties by index); the student scores them
 * s_ij = -alpha ||x_i - x_j||^beta in its own space, and the loss is the negative log-likelihood
 * of the teacher's ranking under the Plackett-Luce model (ListMLE):
 * sum over positions k of [-s_{i pi_k} + log sum over m >= k of exp(s_{i pi_m})], mean over
 * queries. Both spaces may have different dimensions.
 */
public final class DarkRankLoss extends TeacherLoss {

    private static final float ABSENT = -1e30f;

    private final double alpha;
    private final double beta;

    public DarkRankLoss(double alpha, double beta) {
        super("darkrank");
        if (!(alpha > 0) || !(beta > 0)) {
            throw new IllegalArgumentException("darkrank.alpha and darkrank.beta must be > 0, got "
                    + alpha + " and " + beta);
        }
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public boolean comparesVectorsAcrossSpaces() {
        return false;
    }

    @Override
    protected NDArray computeWithTeacher(NDArray student, NDArray teacher, NDArray labels) {
        int rows = (int) student.getShape().get(0);
        if (rows < 2) {
            return mul(student.sum(), 0);
        }
        NDArray scores = mul(pow(CrossSpace.selfDistances(student), beta), -alpha);
        // later[i, j, m]: m is ranked at or after j in the teacher's list for query i.
        float[] later = laterMask(CrossSpace.selfDistances(teacher).toFloatArray(), rows);
        NDArray laterMask = student.getManager().create(later, new Shape(rows, rows, rows))
                .toType(DataType.BOOLEAN, false);
        NDArray candidates = scores.expandDims(1).broadcast(rows, rows, rows);
        NDArray masked = NDArrays.where(laterMask, candidates,
                add(candidates.zerosLike(), ABSENT));
        NDArray shift = masked.max(new int[] {2}, true).stopGradient();
        NDArray logNormaliser = masked.sub(shift).exp().sum(new int[] {2}).log()
                .add(shift.squeeze(2));
        NDArray perPosition = logNormaliser.sub(scores).mul(CrossSpace.offDiagonal(student));
        return div(perPosition.sum(), rows);
    }

    /** Row-major (B, B, B) 0/1 mask from the teacher's (B, B) distances. */
    static float[] laterMask(float[] teacherDistances, int rows) {
        float[] mask = new float[rows * rows * rows];
        for (int i = 0; i < rows; i++) {
            int query = i;
            Integer[] order = new Integer[rows - 1];
            for (int j = 0, n = 0; j < rows; j++) {
                if (j != query) {
                    order[n++] = j;
                }
            }
            Arrays.sort(order, Comparator.comparingDouble(j -> teacherDistances[query * rows + j]));
            int[] rank = new int[rows];
            for (int position = 0; position < order.length; position++) {
                rank[order[position]] = position;
            }
            for (int j = 0; j < rows; j++) {
                for (int m = 0; m < rows; m++) {
                    boolean inList = j != i && m != i;
                    mask[(i * rows + j) * rows + m] = inList && rank[m] >= rank[j] ? 1f : 0f;
                }
            }
        }
        return mask;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> settings = super.describe();
        settings.put("alpha", alpha);
        settings.put("beta", beta);
        settings.put("ranking", "hard (teacher order, ListMLE), full batch list");
        return settings;
    }
}
