package org.dmlworkbench.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.neighbours.ExactKnn;
import org.dmlworkbench.neighbours.ReferenceRows;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Retrieval metrics the way pytorch-metric-learning's AccuracyCalculator computes them.
 *
 * <ul>
 *   <li>Neighbours by L2 distance. When the queries are the reference set, each query's own
 *       index is removed from its neighbours (a duplicate of it at distance 0 stays).
 *   <li>R = the number of other reference items with the query's label. Queries with R = 0 are
 *       dropped from the k-NN metrics (P@1, Recall@k, R-Precision, MAP@R, F1).
 *   <li>P@1 = Recall@1; Recall@k = share of queries with a same-label item among the k nearest
 *       (when fewer than k references exist, among all of them); R-Precision = same-label items
 *       in the top R / R; MAP@R = (1/R) * sum over i <= R of P@i * rel(i).
 *   <li>F1 = macro F1 of the 1-NN classifier (predicted label = nearest neighbour's label).
 *   <li>NMI/AMI: Smile k-means with k = number of query labels and a fixed seed on all query
 *       embeddings, scored as sklearn does with arithmetic averaging.
 *   <li>Ties: equal distances rank the lower reference index first. Distances are compared as
 *       computed in float32 by the matrix product (|r|^2 - 2 q.r), so points whose true distances
 *       differ by less than float rounding may count as tied, or the other way round.
 * </ul>
 *
 * <p>Memory stays bounded: queries go in blocks whose score matrix holds about 16 M floats
 * (64 MiB); each block is scored by one DJL matrix product, and each row's nearest references
 * are selected exactly on the CPU, by the shared kernel {@link ExactKnn} with
 * {@link ExactKnn.Scoring#MATRIX_PRODUCT} (a host loop over exact differences would be many times
 * slower on 10,000 x 60,000 x 128).
 */
public final class RetrievalEvaluator {

    /** Floats in one block's score matrix when the block size is automatic. */
    static final long AUTO_BLOCK_SCORES = ExactKnn.AUTO_BLOCK_SCORES;

    /**
     * @param ks the k of Recall@k (default 1, 2, 4, 8)
     * @param computeClustering whether to run k-means for NMI/AMI (NaN when off)
     * @param kmeansSeed seed of the k-means initialisation
     * @param blockSize queries per block, or 0 to choose from the reference count
     */
    public record Options(int[] ks, boolean computeClustering, long kmeansSeed, int blockSize) {

        public Options {
            if (ks == null || ks.length == 0) {
                throw new IllegalArgumentException("give at least one k for Recall@k");
            }
            ks = ks.clone();
            for (int k : ks) {
                if (k < 1) {
                    throw new IllegalArgumentException("Recall@k needs k >= 1, got " + k);
                }
            }
            if (blockSize < 0) {
                throw new IllegalArgumentException("block size must be >= 0 (0 = automatic), got "
                        + blockSize);
            }
        }

        public static Options defaults() {
            return new Options(new int[] {1, 2, 4, 8}, true, 42L, 0);
        }

        @Override
        public int[] ks() {
            return ks.clone();
        }

        public Options withKs(int... newKs) {
            return new Options(newKs, computeClustering, kmeansSeed, blockSize);
        }

        public Options withClustering(boolean compute) {
            return new Options(ks, compute, kmeansSeed, blockSize);
        }

        public Options withKmeansSeed(long seed) {
            return new Options(ks, computeClustering, seed, blockSize);
        }

        public Options withBlockSize(int size) {
            return new Options(ks, computeClustering, kmeansSeed, size);
        }
    }

    private final Options options;

    public RetrievalEvaluator() {
        this(Options.defaults());
    }

    public RetrievalEvaluator(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Every item is a query against all the others. */
    public RetrievalMetrics evaluate(Embeddings embeddings, int[] labels) {
        return evaluate(embeddings, labels, embeddings, labels, true, ProgressListener.NONE,
                Cancellation.none());
    }

    /**
     * @param queriesAreReference true when {@code queries} and {@code reference} are the same
     *     items (then each query's own index is excluded from its neighbours); false for separate
     *     sets, e.g. test queries against a training gallery
     */
    public RetrievalMetrics evaluate(Embeddings queries, int[] queryLabels, Embeddings reference,
            int[] referenceLabels, boolean queriesAreReference, ProgressListener progress,
            Cancellation cancel) {
        EvaluationInputs.check(queries, queryLabels, reference, referenceLabels,
                queriesAreReference);
        return score(queries, queryLabels, reference, referenceLabels, queriesAreReference,
                progress, cancel);
    }

    /**
     * Asymmetric testing: query i and reference i are the same item embedded by two different
     * models (student and teacher), so item i is left out of query i's neighbours exactly as when
     * a set is evaluated against itself. With equal embeddings this is {@link #evaluate} with
     * {@code queriesAreReference} true.
     */
    public RetrievalMetrics evaluateSameItems(Embeddings queries, Embeddings reference,
            int[] labels, ProgressListener progress, Cancellation cancel) {
        if (queries.count() != reference.count()) {
            throw new IllegalArgumentException("the same items embedded twice must give as many"
                    + " query as reference embeddings, got " + queries.count() + " and "
                    + reference.count());
        }
        EvaluationInputs.check(queries, labels, reference, labels, false);
        return score(queries, labels, reference, labels, true, progress, cancel);
    }

    private RetrievalMetrics score(Embeddings queries, int[] queryLabels, Embeddings reference,
            int[] referenceLabels, boolean queriesAreReference, ProgressListener progress,
            Cancellation cancel) {
        int queryCount = queries.count();
        int selfExcluded = queriesAreReference ? 1 : 0;
        int available = reference.count() - selfExcluded;
        int maxK = Arrays.stream(options.ks).max().orElseThrow();

        Map<Integer, Integer> referenceCounts = new HashMap<>();
        for (int label : referenceLabels) {
            referenceCounts.merge(label, 1, Integer::sum);
        }
        int[] r = new int[queryCount];
        int[] wanted = new int[queryCount];
        for (int i = 0; i < queryCount; i++) {
            r[i] = referenceCounts.getOrDefault(queryLabels[i], 0) - selfExcluded;
            wanted[i] = r[i] > 0 ? Math.min(available, Math.max(maxK, r[i])) : 0;
        }

        QueryScores[] scores = new QueryScores[queryCount];
        int blockSize = options.blockSize > 0 ? options.blockSize
                : blockSizeFor(reference.count(), queryCount);
        cancel.throwIfCancelled();
        ExactKnn.over(ReferenceRows.of(reference.data(), reference.count(), reference.dim()))
                .scoredBy(ExactKnn.Scoring.MATRIX_PRODUCT)
                .inBlocksOf(blockSize)
                .excludingSelf(queriesAreReference)
                .search(queries.data(), queryCount, query -> wanted[query],
                        (query, nearest, count) -> scores[query] = QueryScores.of(
                                queryLabels[query], i -> referenceLabels[nearest[i]], count,
                                r[query]),
                        (done, total) -> {
                            progress.update("evaluate: nearest neighbours", done, total,
                                    "queries");
                            cancel.throwIfCancelled();
                        });
        return summarise(queries, queryLabels, scores, cancel, progress);
    }

    /** Rows per block so that a block's score matrix holds about {@link #AUTO_BLOCK_SCORES}. */
    static int blockSizeFor(int referenceCount, int queryCount) {
        return ExactKnn.autoBlockRows(referenceCount, queryCount);
    }

    private RetrievalMetrics summarise(Embeddings queries, int[] queryLabels,
            QueryScores[] scores, Cancellation cancel, ProgressListener progress) {
        int[] ks = options.ks;
        long[] hitsAtK = new long[ks.length];
        double rPrecisionSum = 0;
        double mapSum = 0;
        int scored = 0;
        for (QueryScores s : scores) {
            if (s != null) {
                scored++;
            }
        }
        int[] truth = new int[scored];
        int[] predicted = new int[scored];
        int next = 0;
        for (int i = 0; i < scores.length; i++) {
            QueryScores s = scores[i];
            if (s == null) {
                continue;
            }
            for (int j = 0; j < ks.length; j++) {
                if (s.firstMatchRank() > 0 && s.firstMatchRank() <= ks[j]) {
                    hitsAtK[j]++;
                }
            }
            rPrecisionSum += s.rPrecision();
            mapSum += s.averagePrecisionAtR();
            truth[next] = queryLabels[i];
            predicted[next] = s.predictedLabel();
            next++;
        }
        double precisionAt1 = Double.NaN;
        SortedMap<Integer, Double> recallAtK = new TreeMap<>();
        for (int j = 0; j < ks.length; j++) {
            double recall = scored == 0 ? Double.NaN : (double) hitsAtK[j] / scored;
            recallAtK.put(ks[j], recall);
        }
        if (scored > 0) {
            long hitsAt1 = Arrays.stream(scores)
                    .filter(s -> s != null && s.firstMatchRank() == 1).count();
            precisionAt1 = (double) hitsAt1 / scored;
        }
        double nmi = Double.NaN;
        double ami = Double.NaN;
        if (options.computeClustering) {
            cancel.throwIfCancelled();
            progress.update("evaluate: k-means", 0, 1, "clusterings");
            ClusteringAgreement agreement = KMeansAgreement.of(queries, queryLabels,
                    options.kmeansSeed);
            nmi = agreement.nmi();
            ami = agreement.ami();
            progress.update("evaluate: k-means", 1, 1, "clusterings");
        }
        return new RetrievalMetrics(precisionAt1, recallAtK,
                scored == 0 ? Double.NaN : rPrecisionSum / scored,
                scored == 0 ? Double.NaN : mapSum / scored, nmi, ami,
                scored == 0 ? Double.NaN : MacroF1.of(truth, predicted), scores.length,
                scores.length - scored);
    }
}
