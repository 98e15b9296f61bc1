package org.dmlworkbench.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Retrieval and clustering quality of a set of embeddings, following pytorch-metric-learning's
 * AccuracyCalculator conventions (see {@link RetrievalEvaluator}).
 *
 * <p>A value is NaN when it is undefined or was not computed: the k-NN metrics when every query
 * was dropped, NMI/AMI when clustering was switched off.
 *
 * @param precisionAt1 share of scored queries whose nearest neighbour has their label
 * @param recallAtK k -> share of scored queries with a same-label item among the k nearest
 * @param rPrecision mean over scored queries of (same-label items in the top R) / R
 * @param mapAtR mean over scored queries of MAP@R
 * @param nmi normalized mutual information of k-means clusters of the queries vs their labels
 * @param ami adjusted mutual information, same clusters
 * @param f1Macro macro F1 of the 1-NN classifier over the scored queries
 * @param queryCount all queries given
 * @param droppedQueries queries left out of the k-NN metrics because no other reference item
 *     has their label (they still count for NMI/AMI)
 */
public record RetrievalMetrics(double precisionAt1, SortedMap<Integer, Double> recallAtK,
        double rPrecision, double mapAtR, double nmi, double ami, double f1Macro, int queryCount,
        int droppedQueries) {

    public RetrievalMetrics {
        recallAtK = Collections.unmodifiableSortedMap(new TreeMap<>(recallAtK));
    }

    /** Queries that the k-NN metrics average over. */
    public int scoredQueries() {
        return queryCount - droppedQueries;
    }

    /**
     * The metrics under the JSON names of the {@code eval} command: precision_at_1, recall_at_k
     * ({"1": ..., "2": ...}), r_precision, map_at_r, nmi, ami, f1, query_count, dropped_queries.
     * NaN values are left out (JSON has no NaN).
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        putIfDefined(json, "precision_at_1", precisionAt1);
        Map<String, Object> recall = new LinkedHashMap<>();
        recallAtK.forEach((k, value) -> putIfDefined(recall, String.valueOf(k), value));
        if (!recall.isEmpty()) {
            json.put("recall_at_k", recall);
        }
        putIfDefined(json, "r_precision", rPrecision);
        putIfDefined(json, "map_at_r", mapAtR);
        putIfDefined(json, "nmi", nmi);
        putIfDefined(json, "ami", ami);
        putIfDefined(json, "f1", f1Macro);
        json.put("query_count", queryCount);
        json.put("dropped_queries", droppedQueries);
        return json;
    }

    private static void putIfDefined(Map<String, Object> json, String key, double value) {
        if (!Double.isNaN(value)) {
            json.put(key, value);
        }
    }
}
