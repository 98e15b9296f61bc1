package org.dmlworkbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.dmlworkbench.model.Embeddings;
import org.junit.jupiter.api.Test;
import smile.validation.metric.AdjustedMutualInformation;
import smile.validation.metric.NormalizedMutualInformation;

class ClusteringAgreementTest {

    @Test
    void aPerfectClusteringUnderOtherNamesScoresOne() {
        ClusteringAgreement a = ClusteringAgreement.of(new int[] {0, 0, 1, 1, 2, 2},
                new int[] {5, 5, 3, 3, 9, 9});
        assertEquals(1.0, a.nmi(), 1e-12);
        assertEquals(1.0, a.ami(), 1e-12);
    }

    /*
     * truth 000111, clusters 001111. Contingency: class 0 -> (2 in c0, 1 in c1), class 1 ->
     * (0, 3); a = (3, 3), b = (2, 4), n = 6.
     * I = 2/6 ln(6*2/(3*2)) + 1/6 ln(6*1/(3*4)) + 3/6 ln(6*3/(3*4)) = (1/6) ln 2 + (1/2) ln 1.5
     * H(truth) = ln 2; H(clusters) = ln 3 - (2/3) ln 2.
     * NMI = 2 I / (H(truth) + H(clusters)) = 0.478704 (sklearn 1.2.1: 0.47870397138567977).
     * AMI: sklearn 1.2.1 gives 0.3552453212757635.
     */
    @Test
    void nmiMatchesTheHandComputationAndAmiMatchesSklearn() {
        ClusteringAgreement a = ClusteringAgreement.of(new int[] {0, 0, 0, 1, 1, 1},
                new int[] {0, 0, 1, 1, 1, 1});
        double mi = Math.log(2) / 6 + 0.5 * Math.log(1.5);
        double hClusters = Math.log(3) - 2.0 / 3 * Math.log(2);

        assertEquals(mi, a.mutualInformation(), 1e-12);
        assertEquals(2 * mi / (Math.log(2) + hClusters), a.nmi(), 1e-12);
        assertEquals(0.3552453212757635, a.ami(), 1e-12);
    }

    /* sklearn 1.2.1: nmi 0.4427012833460501, ami 0.23728877770133572 for these ten labels. */
    @Test
    void threeClassExampleMatchesSklearn() {
        ClusteringAgreement a = ClusteringAgreement.of(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 2},
                new int[] {1, 1, 0, 0, 0, 2, 2, 2, 2, 1});
        assertEquals(0.4427012833460501, a.nmi(), 1e-12);
        assertEquals(0.23728877770133572, a.ami(), 1e-12);
    }

    /**
     * E[I] is the mean mutual information over all relabellings that keep the cluster sizes,
     * i.e. over all n! permutations of the cluster assignment: computed here by enumeration.
     */
    @Test
    void expectedMutualInformationEqualsTheMeanOverAllPermutations() {
        int[] truth = {0, 0, 0, 1, 1, 2, 2};
        int[] clusters = {0, 1, 1, 1, 2, 2, 0};
        double[] sum = {0};
        long[] count = {0};
        permute(clusters.clone(), 0, p -> {
            sum[0] += ClusteringAgreement.of(truth, p).mutualInformation();
            count[0]++;
        });
        assertEquals(5040, count[0]);
        double expected = sum[0] / count[0];

        ClusteringAgreement a = ClusteringAgreement.of(truth, clusters);

        assertEquals(expected, a.expectedMutualInformation(), 1e-12);
        double meanEntropy = (a.truthEntropy() + a.clusterEntropy()) / 2;
        assertEquals((a.mutualInformation() - expected) / (meanEntropy - expected), a.ami(),
                1e-12);
    }

    private static void permute(int[] values, int from, java.util.function.Consumer<int[]> use) {
        if (from == values.length) {
            use.accept(values);
            return;
        }
        for (int i = from; i < values.length; i++) {
            swap(values, from, i);
            permute(values, from + 1, use);
            swap(values, from, i);
        }
    }

    private static void swap(int[] values, int i, int j) {
        int t = values[i];
        values[i] = values[j];
        values[j] = t;
    }

    /** Smile's slow implementations of the same sklearn formulas, as an independent check. */
    @Test
    void agreesWithSmilesArithmeticVariantsOnRandomLabellings() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 20 + random.nextInt(200);
            int[] truth = new int[n];
            int[] clusters = new int[n];
            for (int i = 0; i < n; i++) {
                truth[i] = random.nextInt(4);
                clusters[i] = random.nextBoolean() ? truth[i] : random.nextInt(5);
            }
            ClusteringAgreement a = ClusteringAgreement.of(truth, clusters);
            assertEquals(NormalizedMutualInformation.sum(truth, clusters), a.nmi(), 1e-10);
            assertEquals(AdjustedMutualInformation.sum(truth, clusters), a.ami(), 1e-9);
        }
    }

    /* sklearn's limit cases: both one group -> 1; one class split into clusters -> I = 0 -> 0. */
    @Test
    void degenerateLabellingsFollowSklearn() {
        ClusteringAgreement single = ClusteringAgreement.of(new int[] {4, 4, 4},
                new int[] {1, 1, 1});
        assertEquals(1.0, single.nmi());
        assertEquals(1.0, single.ami());
        ClusteringAgreement split = ClusteringAgreement.of(new int[] {4, 4, 4, 4},
                new int[] {0, 1, 2, 3});
        assertEquals(0.0, split.nmi());
        assertEquals(0.0, split.ami(), 1e-12);
    }

    @Test
    void logFactorialTableIsAccurateAtLargeN() {
        double[] table = ClusteringAgreement.logFactorials(60_000);
        assertEquals(0.0, table[1]);
        assertEquals(Math.log(120), table[5], 1e-14);
        // Stirling with three correction terms is accurate to ~1e-17 relative at this size.
        double n = 60_000;
        double stirling = n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n)
                - 1 / (360 * n * n * n);
        assertEquals(stirling, table[60_000], 1e-9);
    }

    @Test
    void kmeansWithTheSameSeedGivesTheSameScore() {
        Random random = new Random(9);
        float[][] rows = new float[90][];
        int[] labels = new int[90];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = i % 3;
            rows[i] = new float[] {labels[i] + (float) random.nextGaussian(),
                    (float) random.nextGaussian()};
        }
        Embeddings overlapping = Embeddings.of(rows);
        ClusteringAgreement first = KMeansAgreement.of(overlapping, labels, 7);
        ClusteringAgreement second = KMeansAgreement.of(overlapping, labels, 7);
        assertEquals(first.nmi(), second.nmi());
        assertEquals(first.ami(), second.ami());
    }
}
