package org.dmlworkbench.evaluation;

import java.util.Arrays;
import org.dmlworkbench.model.Embeddings;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Clusters embeddings with Smile's k-means (k = number of distinct labels, k-means++ seeding,
 * at most {@link #MAX_ITERATIONS} Lloyd iterations) and scores the clusters against the labels,
 * as pytorch-metric-learning's AccuracyCalculator does for NMI/AMI.
 */
final class KMeansAgreement {

    /**
     * pytorch-metric-learning clusters with faiss.Kmeans, whose default is 25 iterations; a cap
     * also bounds the time (Smile's Lloyd iteration costs ~80 ms at 60,000 x 128).
     */
    static final int MAX_ITERATIONS = 25;

    private KMeansAgreement() {}

    /**
     * @param seed seeds Smile's random generator for this thread, which its k-means++
     *     initialisation draws from on the calling thread: the same seed gives the same clusters
     */
    static ClusteringAgreement of(Embeddings embeddings, int[] labels, long seed) {
        int k = (int) Arrays.stream(labels).distinct().count();
        int[] clusters;
        if (k < 2) {
            // One label: Smile refuses k = 1, and one cluster is the only answer anyway.
            clusters = new int[labels.length];
        } else {
            MathEx.setSeed(seed);
            // Lloyd, not Smile's default BBD-tree filtering: the tree stops pruning in 128
            // dimensions and was 2-3x slower there.
            clusters = KMeans.lloyd(embeddings.toDoubleRows(), k, MAX_ITERATIONS, 1e-4).y;
        }
        return ClusteringAgreement.of(labels, clusters);
    }
}
