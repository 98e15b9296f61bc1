package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class CrossEntropyLossTest {

    static final double[][] EMBEDDINGS = {{1, 0}, {0, 1}, {0.6, 0.8}, {0.8, 0.6}};
    static final double[][] LOGITS = {{2, 0, -1}, {0, 1, 0.5}, {0.3, 0.3, 0.3}, {-1, 2, 0}};
    static final long[] LABELS = {0, 1, 2, 0};

    @Test
    void literalValue() {
        // logits (2, 0) and (0, 1) with labels 0 and 1:
        // (log(1 + e^-2) + log(1 + e^-1)) / 2 = (0.126928 + 0.313262) / 2 = 0.220095.
        double[][] logits = {{2, 0}, {0, 1}};
        double[][] embeddings = {{1, 0}, {0, 1}};
        assertEquals(0.2200948, LossHarness.value(new CrossEntropyLoss(), embeddings,
                new long[] {0, 1}, logits), 1e-6);
    }

    @Test
    void matchesDoubleLoops() {
        assertEquals(ReferenceLosses.crossEntropy(LOGITS, LABELS),
                LossHarness.value(new CrossEntropyLoss(), EMBEDDINGS, LABELS, LOGITS), 1e-6);
    }

    @Test
    void descentRaisesTheTrueClassLogit() {
        EmbeddingLoss loss = new CrossEntropyLoss();
        LossHarness.Result before = LossHarness.withGradients(loss, EMBEDDINGS, LABELS, LOGITS);
        for (int i = 0; i < LABELS.length; i++) {
            assertTrue(before.logitGradient()[i][(int) LABELS[i]] < 0, "row " + i);
        }
        double[][] moved = LossHarness.descend(LOGITS, before.logitGradient(), 1e-2);
        assertTrue(LossHarness.value(loss, EMBEDDINGS, LABELS, moved) < before.loss());
    }

    @Test
    void needsLogitsAndLabelsInRange() {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        assertTrue(loss.needsClassifier());
        assertThrows(IllegalStateException.class,
                () -> LossHarness.value(loss, EMBEDDINGS, LABELS, null));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LossHarness.value(loss, EMBEDDINGS, new long[] {0, 1, 3, 0}, LOGITS));
        assertTrue(error.getMessage().contains("[0, 3)"), error.getMessage());
    }

    @Test
    void djlEvaluateReadsLogitsFromThePredictionList() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList predictions = new NDList(LossHarness.floats(manager, EMBEDDINGS),
                    LossHarness.floats(manager, LOGITS));
            float value = new CrossEntropyLoss().evaluate(new NDList(manager.create(LABELS)),
                    predictions).getFloat();
            assertEquals(ReferenceLosses.crossEntropy(LOGITS, LABELS), value, 1e-6);
            assertThrows(IllegalStateException.class, () -> new CrossEntropyLoss().evaluate(
                    new NDList(manager.create(LABELS)), new NDList(predictions.get(0))));
        }
    }
}
