package org.dmlworkbench.search;

/**
 * One search result.
 *
 * @param index the item's position in the gallery
 * @param label the item's class label
 * @param distance L2 (Euclidean) distance from the query
 * @param source where the item came from (an image path, "train#123"), or null when unknown
 */
public record Neighbor(int index, int label, double distance, String source) {}
