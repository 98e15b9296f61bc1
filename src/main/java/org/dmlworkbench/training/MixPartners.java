package org.dmlworkbench.training;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** Which batch items Metrix mixes for each anchor. */
public final class MixPartners {

    private MixPartners() {}

    /**
     * For each anchor with both a positive and a negative: {anchor, hardest positive (lowest
     * cosine similarity), hardest negative (highest cosine similarity)}.
     *
     * @param embeddings (B, D), outside any graph
     */
    public static int[][] hardest(NDArray embeddings, long[] labels) {
        float[] s = cosines(embeddings);
        int n = labels.length;
        List<int[]> chosen = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            int positive = -1;
            int negative = -1;
            for (int x = 0; x < n; x++) {
                if (x == a) {
                    continue;
                }
                float similarity = s[a * n + x];
                if (labels[x] == labels[a]) {
                    if (positive < 0 || similarity < s[a * n + positive]) {
                        positive = x;
                    }
                } else if (negative < 0 || similarity > s[a * n + negative]) {
                    negative = x;
                }
            }
            if (positive >= 0 && negative >= 0) {
                chosen.add(new int[] {a, positive, negative});
            }
        }
        return chosen.toArray(new int[0][]);
    }

    /**
     * The authors' input-level rule: every positive pair (a, p), p != a, with its anchor's hardest
     * negative (highest cosine similarity), as {anchor, positive, negative}, anchors in order and
     * their positives in batch order; anchors without a negative give none.
     *
     * @param embeddings (B, D), outside any graph
     */
    public static int[][] everyPositiveWithHardestNegative(NDArray embeddings, long[] labels) {
        float[] s = cosines(embeddings);
        int n = labels.length;
        List<int[]> chosen = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            int negative = -1;
            for (int x = 0; x < n; x++) {
                if (labels[x] != labels[a] && (negative < 0 || s[a * n + x] > s[a * n + negative])) {
                    negative = x;
                }
            }
            for (int p = 0; p < n && negative >= 0; p++) {
                if (p != a && labels[p] == labels[a]) {
                    chosen.add(new int[] {a, p, negative});
                }
            }
        }
        return chosen.toArray(new int[0][]);
    }

    private static float[] cosines(NDArray embeddings) {
        NDArray unit = embeddings.normalize(2, 1);
        return unit.matMul(unit.transpose()).toFloatArray();
    }
}
