package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.add;
import static org.dmlworkbench.tensor.Scalars.div;
import static org.dmlworkbench.tensor.Scalars.gt;
import static org.dmlworkbench.tensor.Scalars.lt;
import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.min;
import static org.dmlworkbench.tensor.Scalars.mul;
import static org.dmlworkbench.tensor.Scalars.subFrom;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * The Recall@k surrogate of Patel, Tolias and Matas (CVPR 2022) on a similarity matrix, with its
 * exact gradient with respect to that matrix. For query q and positive x:
 * <pre>
 *   r(q,x)  = 1 + sum over z != q, x of sigmoid((S[q,z] - S[q,x]) / tau2)
 *   RS@k(q) = min(sum over positives x of sigmoid((k - r(q,x)) / tau1), k) / min(k, |P_q|)
 *   loss    = 1 - mean over k and over queries with at least one positive of RS@k(q)
 * </pre>
 * The (queries, positives, items) tensor of rank terms would hold B^3 entries for a batch of B
 * (and autograd would keep every chunk of it until backward), so the value and dL/dS are computed
 * here in query chunks of at most {@code chunkElements} entries, each chunk's temporaries freed at
 * once. The gradient is derived by hand from the sigmoids' derivatives; the loss feeds it back to
 * autograd through S only (see {@link RecallAtKLoss}), so memory stays O(B^2).
 *
 * <p>Large batches: a positive x with C other items at least as similar to q has
 * r(q,x) >= 1 + C/2 (each such sigmoid is >= 1/2), so once C >= 2 (max k - 1 + 40 tau1) its
 * "in the top k" sigmoid is below sigmoid(-40) = 4e-18 for every k, and so is its share of the
 * gradient. Such positives are found by sorting each row and left out of the rank tensor. At most
 * that many positives per query survive, which makes a batch of 4,096 with 511 positives per query
 * about five times cheaper without changing the result beyond float rounding.
 */
public final class RecallSurrogate {

    /**
     * Value and dL/dS of one batch.
     *
     * @param scoredPairs (query, positive) pairs whose soft rank was computed; the others could
     *     not reach the top k (see the class comment)
     */
    public record Result(double loss, NDArray gradient, long scoredPairs) {}

    /** sigmoid(-40) = 4e-18: a positive whose logit is surely below this contributes nothing. */
    static final double NEGLIGIBLE_LOGIT = 40;

    private final List<Integer> ks;
    private final double tau1;
    private final double tau2;
    private final long chunkElements;
    private final boolean skipNegligiblePositives;

    /**
     * @param ks the k values (each >= 1); those not below the number of items are dropped, as
     *     recall at k >= the database size is always 1 (at least the smallest k is kept)
     * @param chunkElements most entries of one chunk's (queries, positives, items) tensor
     */
    public RecallSurrogate(List<Integer> ks, double tau1, double tau2, long chunkElements) {
        this(ks, tau1, tau2, chunkElements, true);
    }

    /**
     * @param skipNegligiblePositives leave out positives that cannot reach the top k (the class
     *     comment says why that is exact to 4e-18 per positive); false ranks every positive
     */
    public RecallSurrogate(List<Integer> ks, double tau1, double tau2, long chunkElements,
            boolean skipNegligiblePositives) {
        if (ks.isEmpty() || ks.stream().anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("Recall@k surrogate needs k values >= 1, got " + ks);
        }
        if (!(tau1 > 0) || !(tau2 > 0) || Double.isInfinite(tau1) || Double.isInfinite(tau2)) {
            throw new IllegalArgumentException("Recall@k surrogate needs finite temperatures > 0, "
                    + "got tau1 " + tau1 + ", tau2 " + tau2);
        }
        this.ks = List.copyOf(ks);
        this.tau1 = tau1;
        this.tau2 = tau2;
        this.chunkElements = Math.max(1, chunkElements);
        this.skipNegligiblePositives = skipNegligiblePositives;
    }

    /** The k values used for a batch whose queries each see {@code database} other items. */
    public List<Integer> effectiveKs(int database) {
        List<Integer> kept = new ArrayList<>();
        for (int k : ks) {
            if (k < database) {
                kept.add(k);
            }
        }
        if (kept.isEmpty()) {
            kept.add(Math.max(1, Math.min(ks.get(0), database)));
        }
        return kept;
    }

    /**
     * @param similarities (N, N) similarities, not part of any autograd graph (detach first)
     * @param labels N class labels; an item is never its own positive
     * @return the loss and dL/dS, (N, N), attached to {@code similarities}' manager; a batch with
     *     no positive pair at all has loss 0 and zero gradient
     */
    public Result compute(NDArray similarities, long[] labels) {
        int n = labels.length;
        if (!similarities.getShape().equals(new Shape(n, n))) {
            throw new IllegalArgumentException("expected a (" + n + ", " + n + ") similarity "
                    + "matrix for " + n + " labels, got " + similarities.getShape());
        }
        List<Integer> kept = effectiveKs(n - 1);
        Positives positives = Positives.of(labels);
        int answering = positives.queriesWithPositives();
        NDManager outer = similarities.getManager();
        if (answering == 0) {
            return new Result(0, outer.zeros(new Shape(n, n), similarities.getDataType()), 0);
        }
        if (skipNegligiblePositives) {
            int largestK = kept.stream().mapToInt(Integer::intValue).max().orElse(1);
            positives = NegligiblePositives.leftOut(positives, similarities,
                    2 * (largestK - 1 + NEGLIGIBLE_LOGIT * tau1));
        }
        // Each answering query and each k weigh 1 / (|K| * answering) in the mean.
        double queryWeight = 1.0 / (kept.size() * (double) answering);
        int width = Math.max(1, positives.width());
        int chunk = (int) Math.max(1, Math.min(n, chunkElements / ((long) width * n)));
        double recallSum = 0;
        List<NDArray> gradients = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            try (NDManager scope = outer.newSubManager()) {
                ChunkResult part = chunk(scope, similarities, positives, kept, queryWeight, from, to);
                recallSum += part.recallSum;
                part.gradient.attach(outer);
                gradients.add(part.gradient);
            }
        }
        NDArray gradient = gradients.size() == 1 ? gradients.get(0)
                : NDArrays.concat(new ai.djl.ndarray.NDList(gradients), 0);
        return new Result(1 - recallSum * queryWeight, gradient, positives.scoredPairs());
    }

    private record ChunkResult(double recallSum, NDArray gradient) {}

    private ChunkResult chunk(NDManager scope, NDArray similarities, Positives positives,
            List<Integer> kept, double queryWeight, int from, int to) {
        int rows = to - from;
        int n = positives.labels.length;
        int width = Math.max(1, positives.width());
        NDArray rowsOfS = similarities.get(new NDIndex("{}:{}", from, to));
        rowsOfS.attach(scope);
        NDArray index = scope.create(positives.indexRows(from, to, width), new Shape(rows, width));
        NDArray valid = scope.create(positives.validRows(from, to, width), new Shape(rows, width));
        NDArray positiveS = rowsOfS.gather(index, 1);
        NDArray selfS = rowsOfS.gather(scope.arange(from, to, 1, DataType.INT64).reshape(rows, 1), 1);
        // above[q, x, z] = sigmoid((S[q,z] - S[q,x]) / tau2) over every z. The z = x term is
        // sigmoid(0) = 1/2 and its gradient cancels (S[q,x] enters both sides); the z = q term is
        // taken out with (rows, width) tensors, so no (rows, width, n) mask is ever built.
        NDArray above = Activation.sigmoid(div(rowsOfS, tau2).expandDims(1)
                .sub(div(positiveS, tau2).expandDims(2)));
        NDArray aboveSelf = Activation.sigmoid(div(selfS.sub(positiveS), tau2));
        NDArray rank = add(above.sum(new int[] {2}), 0.5).sub(aboveSelf);

        float[] counts = positives.countRows(from, to);
        NDArray count = scope.create(counts);
        NDArray answers = gt(count, 0).toType(DataType.FLOAT32, false);
        NDArray rankGradient = scope.zeros(new Shape(rows, width));
        double recallSum = 0;
        for (int k : kept) {
            NDArray inTopK = Activation.sigmoid(div(subFrom(k, rank), tau1)).mul(valid);
            NDArray found = inTopK.sum(new int[] {1});
            NDArray norm = max(min(count, k), 1);
            recallSum += min(found, k).div(norm).mul(answers).sum().getFloat();
            // min(found, k) passes no gradient once found reaches k
            NDArray dFound = mul(lt(found, k).toType(DataType.FLOAT32, false).mul(answers)
                    .div(norm), -queryWeight);
            NDArray dInTopK = div(inTopK.mul(subFrom(1, inTopK)), -tau1);
            rankGradient = rankGradient.add(dInTopK.mul(dFound.expandDims(1)));
        }
        NDArray perTau = div(rankGradient, tau2);
        // dL/dD[q,x,z] for D = (S[q,z] - S[q,x]) / tau2, tau2 already divided out
        NDArray weights = above.sub(above.square()).mul(perTau.expandDims(2));
        NDArray selfWeights = aboveSelf.sub(aboveSelf.square()).mul(perTau);
        // S[q,z] as the item above x, minus the excluded z = q term at column q
        NDArray asOther = weights.sum(new int[] {1}).sub(
                scope.arange(from, to, 1, DataType.INT64).oneHot(n).toType(DataType.FLOAT32, false)
                        .mul(selfWeights.sum(new int[] {1}, true)));
        // S[q,x] as the ranked positive, again without the z = q term, spread to x's column
        NDArray asPositive = weights.sum(new int[] {2}).neg().add(selfWeights);
        NDArray gradient = asOther.add(asPositive.expandDims(1)
                .matMul(index.oneHot(n).toType(DataType.FLOAT32, false)).squeeze(1));
        return new ChunkResult(recallSum, gradient);
    }

    /**
     * Each query's positives to score (as padded index rows, padding: index 0, valid 0) and how
     * many positives it really has (the normaliser min(k, |P_q|) and "has a positive" use that).
     */
    record Positives(long[] labels, int[][] lists, int[] counts) {

        static Positives of(long[] labels) {
            java.util.Map<Long, List<Integer>> members = new java.util.HashMap<>();
            for (int i = 0; i < labels.length; i++) {
                members.computeIfAbsent(labels[i], label -> new ArrayList<>()).add(i);
            }
            int[][] lists = new int[labels.length][];
            int[] counts = new int[labels.length];
            for (int q = 0; q < labels.length; q++) {
                List<Integer> same = members.get(labels[q]);
                int[] others = new int[same.size() - 1];
                int count = 0;
                for (int x : same) {
                    if (x != q) {
                        others[count++] = x;
                    }
                }
                lists[q] = others;
                counts[q] = others.length;
            }
            return new Positives(labels, lists, counts);
        }

        Positives scoring(int[][] scored) {
            return new Positives(labels, scored, counts);
        }

        long scoredPairs() {
            long pairs = 0;
            for (int[] list : lists) {
                pairs += list.length;
            }
            return pairs;
        }

        int width() {
            int widest = 0;
            for (int[] list : lists) {
                widest = Math.max(widest, list.length);
            }
            return widest;
        }

        int queriesWithPositives() {
            int answering = 0;
            for (int count : counts) {
                answering += count > 0 ? 1 : 0;
            }
            return answering;
        }

        long[] indexRows(int from, int to, int width) {
            long[] index = new long[(to - from) * width];
            for (int q = from; q < to; q++) {
                for (int p = 0; p < lists[q].length; p++) {
                    index[(q - from) * width + p] = lists[q][p];
                }
            }
            return index;
        }

        float[] validRows(int from, int to, int width) {
            float[] valid = new float[(to - from) * width];
            for (int q = from; q < to; q++) {
                for (int p = 0; p < lists[q].length; p++) {
                    valid[(q - from) * width + p] = 1f;
                }
            }
            return valid;
        }

        float[] countRows(int from, int to) {
            float[] rows = new float[to - from];
            for (int q = from; q < to; q++) {
                rows[q - from] = counts[q];
            }
            return rows;
        }
    }
}
