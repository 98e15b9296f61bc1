/**
 * Metric-learning losses on NDArrays, split like pytorch-metric-learning into small parts that
 * later losses (asymmetric teacher/student, Recall@k surrogate, Metrix) reuse:
 * <ul>
 *   <li>{@link org.dmlworkbench.loss.distances.Distance distances}: a (Q, R) matrix between
 *   query and reference embeddings (cosine similarity, Euclidean with a safe square root);</li>
 *   <li>{@link org.dmlworkbench.loss.PairMasks}: positive and negative pairs as boolean (Q, R)
 *   masks, and triplets as a (Q, R, R) mask;</li>
 *   <li>{@link org.dmlworkbench.loss.miners miners}: narrow those masks (Multi-Similarity
 *   mining, semi-hard / hard triplets) from detached values;</li>
 *   <li>{@link org.dmlworkbench.loss.reducers reducers}: per-term losses to a scalar
 *   (mean over non-zero terms for the hinge losses);</li>
 *   <li>{@link org.dmlworkbench.loss.PairLoss}: the base of every pair loss; it builds the
 *   matrix and the masks once, for a batch against itself or for student queries against a
 *   teacher's vectors (asymmetric transfer), and a loss writes only its formula;</li>
 *   <li>losses: {@link org.dmlworkbench.loss.CrossEntropyLoss},
 *   {@link org.dmlworkbench.loss.ContrastiveLoss}, {@link org.dmlworkbench.loss.TripletMarginLoss},
 *   {@link org.dmlworkbench.loss.BandedContrastiveLoss}, {@link org.dmlworkbench.loss.MultiSimilarityLoss},
 *   {@link org.dmlworkbench.loss.NTXentLoss},
 *   {@link org.dmlworkbench.loss.WeightedSumLoss}; {@link org.dmlworkbench.loss.LossFactory}
 *   parses {@code --loss} specs.</li>
 * </ul>
 * Everything is whole-batch tensor work (no per-anchor Java loop). The temporaries of
 * {@code compute} are attached to the embeddings' manager: call it inside the training step's
 * batch-scoped sub-manager so they are freed with the batch.
 */
package org.dmlworkbench.loss;
