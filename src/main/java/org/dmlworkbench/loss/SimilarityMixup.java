package org.dmlworkbench.loss;

import static org.dmlworkbench.tensor.Scalars.subFrom;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * SiMix (Patel, Tolias, Matas, CVPR 2022): each pair (i, j) of same-class batch items stands for
 * a virtual item v = a x_i + (1 - a) x_j of that class, a ~ U(0, 1) per pair, not re-normalised.
 * v is never built: its similarity to any item z is a S[i,z] + (1 - a) S[j,z], and between two
 * virtual items the same bilinear mix of four real similarities. Virtual items join the batch as
 * queries and as database items. Only same-class pairs are mixed.
 */
public final class SimilarityMixup {

    /** The batch plus its virtual items: (N', N') similarities and N' labels, reals first. */
    public record Mixed(NDArray similarities, long[] labels, int virtualCount) {}

    private final int maxVirtualPerItem;

    /**
     * @param maxVirtualPerItem cap on virtual items as a multiple of the batch size: a batch of
     *     4 images per class gives 1.5 per item; a shuffled batch of few classes would give
     *     thousands, so a uniform sample of the same-class pairs is kept instead
     */
    public SimilarityMixup(int maxVirtualPerItem) {
        if (maxVirtualPerItem < 1) {
            throw new IllegalArgumentException("SiMix needs at least 1 virtual item per batch "
                    + "item, got " + maxVirtualPerItem);
        }
        this.maxVirtualPerItem = maxVirtualPerItem;
    }

    /**
     * Mixes with coefficients drawn from the engine's generator (so a run's seed fixes them).
     *
     * @param similarities (B, B), in the autograd graph when gradients are wanted
     */
    public Mixed mix(NDArray similarities, long[] labels) {
        NDManager manager = similarities.getManager();
        int[][] pairs = pairs(labels, manager);
        if (pairs.length == 0) {
            return new Mixed(similarities, labels, 0);
        }
        NDArray coefficients = manager.randomUniform(0f, 1f, new Shape(pairs.length));
        return mix(similarities, labels, pairs, coefficients);
    }

    /**
     * Mixes the given pairs with the given coefficients.
     *
     * @param pairs V pairs {i, j} of same-class items
     * @param coefficients (V) weights a of the first item of each pair
     */
    public static Mixed mix(NDArray similarities, long[] labels, int[][] pairs,
            NDArray coefficients) {
        int b = labels.length;
        int v = pairs.length;
        NDManager manager = similarities.getManager();
        long[] first = new long[v];
        long[] second = new long[v];
        long[] mixedLabels = Arrays.copyOf(labels, b + v);
        for (int p = 0; p < v; p++) {
            first[p] = pairs[p][0];
            second[p] = pairs[p][1];
            if (labels[pairs[p][0]] != labels[pairs[p][1]]) {
                throw new IllegalArgumentException("SiMix mixes same-class items only, got pair ("
                        + pairs[p][0] + ", " + pairs[p][1] + ") of classes " + labels[pairs[p][0]]
                        + " and " + labels[pairs[p][1]]);
            }
            mixedLabels[b + p] = labels[pairs[p][0]];
        }
        NDArray a = coefficients.reshape(v).toType(similarities.getDataType(), false);
        NDArray i = manager.create(first);
        NDArray j = manager.create(second);
        // rows: S[v, :] = a S[i, :] + (1 - a) S[j, :]
        NDArray rows = mixRows(similarities, i, j, a);
        NDArray tall = similarities.concat(rows, 0);
        // columns of every row (real or virtual), by the same rule on the transposed matrix
        NDArray columns = mixRows(tall.transpose(), i, j, a).transpose();
        return new Mixed(tall.concat(columns, 1), mixedLabels, v);
    }

    private static NDArray mixRows(NDArray matrix, NDArray first, NDArray second, NDArray a) {
        long width = matrix.getShape().get(1);
        Shape shape = new Shape(first.size(), width);
        NDArray fromFirst = matrix.gather(first.reshape(-1, 1).broadcast(shape), 0);
        NDArray fromSecond = matrix.gather(second.reshape(-1, 1).broadcast(shape), 0);
        NDArray weight = a.reshape(-1, 1);
        return fromFirst.mul(weight).add(fromSecond.mul(subFrom(1, weight)));
    }

    /** Every same-class pair (i < j), or a uniform sample of them when there are too many. */
    int[][] pairs(long[] labels, NDManager manager) {
        Map<Long, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            members.computeIfAbsent(labels[i], label -> new ArrayList<>()).add(i);
        }
        List<int[]> all = new ArrayList<>();
        for (List<Integer> group : members.values()) {
            for (int x = 0; x < group.size(); x++) {
                for (int y = x + 1; y < group.size(); y++) {
                    all.add(new int[] {group.get(x), group.get(y)});
                }
            }
        }
        all.sort((p, q) -> p[0] != q[0] ? Integer.compare(p[0], q[0]) : Integer.compare(p[1], q[1]));
        long cap = (long) maxVirtualPerItem * labels.length;
        if (all.size() > cap) {
            // the seed comes from the engine so that the run's seed fixes the sample
            long seed = manager.randomInteger(0, Integer.MAX_VALUE, new Shape(1), DataType.INT64)
                    .getLong();
            java.util.Collections.shuffle(all, new Random(seed));
            all = all.subList(0, (int) cap);
        }
        return all.toArray(new int[0][]);
    }
}
