package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedSumLossTest {

    static final double[][] LOGITS = {{2, 0, -1}, {0, 1, 0.5}, {0.3, 0.3, 0.3}, {-1, 2, 0},
        {0, 0, 1}, {1, 0, 0}};
    static final long[] LABELS = {0, 0, 1, 1, 2, 2};

    @Test
    void isTheWeightedSumOfTheReferenceValues() {
        double[][] e = LossHarness.unitRows(31, 6, 3);
        double expected = 0.5 * ReferenceLosses.multiSimilarity(e, LABELS, 2, 50, 0.5, 0.1)
                + ReferenceLosses.crossEntropy(LOGITS, LABELS);
        EmbeddingLoss loss = LossFactory.create("ms:0.5,ce:1", null);
        assertEquals(expected, LossHarness.value(loss, e, LABELS, LOGITS), 1e-5);
    }

    @Test
    void gradientsReachEmbeddingsAndLogits() {
        double[][] e = LossHarness.unitRows(32, 6, 3);
        EmbeddingLoss loss = LossFactory.create("ms+ce", null);
        LossHarness.Result result = LossHarness.withGradients(loss, e, LABELS, LOGITS);
        assertTrue(result.embeddingGradient()[0][0] != 0 || result.embeddingGradient()[1][0] != 0);
        for (int i = 0; i < LABELS.length; i++) {
            assertTrue(result.logitGradient()[i][(int) LABELS[i]] < 0);
        }
        double[][] moved = LossHarness.descend(e, result.embeddingGradient(), 1e-3);
        assertTrue(LossHarness.value(loss, moved, LABELS, LOGITS) < result.loss());
    }

    @Test
    void termsAreReportedUnweighted() {
        double[][] e = LossHarness.unitRows(33, 6, 3);
        WeightedSumLoss loss = new WeightedSumLoss(List.of(
                new WeightedSumLoss.Term("ms", 0.25, new MultiSimilarityLoss()),
                new WeightedSumLoss.Term("contrastive", 2, new ContrastiveLoss())));
        assertFalse(loss.needsClassifier());
        assertEquals("ms+contrastive", loss.getName());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray embeddings = LossHarness.floats(manager, e);
            NDArray labels = manager.create(LABELS);
            Map<String, NDArray> parts = loss.computeTerms(embeddings, labels, null);
            assertEquals(ReferenceLosses.multiSimilarity(e, LABELS, 2, 50, 0.5, 0.1),
                    parts.get("ms").getFloat(), 1e-5);
            assertEquals(ReferenceLosses.contrastive(e, LABELS, 0, 1),
                    parts.get("contrastive").getFloat(), 1e-5);
            assertEquals(0.25 * parts.get("ms").getFloat() + 2 * parts.get("contrastive")
                    .getFloat(), loss.compute(embeddings, labels, null).getFloat(), 1e-5);
        }
    }

    @Test
    void rejectsBadTerms() {
        assertThrows(IllegalArgumentException.class, () -> new WeightedSumLoss(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedSumLoss.Term("ms", -1, new MultiSimilarityLoss()));
        assertThrows(IllegalArgumentException.class, () -> new WeightedSumLoss(List.of(
                new WeightedSumLoss.Term("ms", 1, new MultiSimilarityLoss()),
                new WeightedSumLoss.Term("ms", 2, new MultiSimilarityLoss()))));
    }
}
