package org.dmlworkbench.evaluation;

import java.util.Arrays;
import org.dmlworkbench.model.Embeddings;

/** Checks evaluation inputs up front, so a mistake is named instead of giving odd numbers. */
final class EvaluationInputs {

    private EvaluationInputs() {}

    static void check(Embeddings queries, int[] queryLabels, Embeddings reference,
            int[] referenceLabels, boolean queriesAreReference) {
        checkLabels("queries", queries, queryLabels);
        checkLabels("reference", reference, referenceLabels);
        if (queries.count() == 0) {
            throw new IllegalArgumentException("no query embeddings to evaluate");
        }
        if (reference.count() == 0) {
            throw new IllegalArgumentException("the reference set is empty");
        }
        if (queries.dim() != reference.dim()) {
            throw new IllegalArgumentException("queries have " + queries.dim()
                    + " dimensions but the reference set has " + reference.dim());
        }
        if (queriesAreReference && queries != reference
                && (queries.count() != reference.count()
                        || !Arrays.equals(queries.data(), reference.data())
                        || !Arrays.equals(queryLabels, referenceLabels))) {
            throw new IllegalArgumentException("queriesAreReference is set but the queries ("
                    + queries.count() + ") are not the same items as the reference set ("
                    + reference.count() + "); pass false for separate query and gallery sets");
        }
        checkFinite("query", queries);
        if (reference != queries) {
            checkFinite("reference", reference);
        }
    }

    private static void checkLabels(String what, Embeddings embeddings, int[] labels) {
        if (labels == null || labels.length != embeddings.count()) {
            throw new IllegalArgumentException(what + ": " + embeddings.count()
                    + " embeddings but " + (labels == null ? "no" : labels.length) + " labels");
        }
    }

    private static void checkFinite(String what, Embeddings embeddings) {
        float[] data = embeddings.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(what + " embedding " + (i / embeddings.dim())
                        + " has a non-finite value (" + data[i] + ") in dimension "
                        + (i % embeddings.dim()) + "; was the model trained to divergence?");
            }
        }
    }
}
