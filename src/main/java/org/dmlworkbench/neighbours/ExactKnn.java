package org.dmlworkbench.neighbours;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours (squared L2) of query rows among reference rows: the one kernel
 * that gallery search, the store's exact search, evaluation and the maps' affinities share.
 *
 * <p>Queries go in blocks; a block is scored against every reference row (by a
 * {@link Scoring}), then each query's nearest references are picked exactly by a
 * {@link TopKSelector}, in parallel over the cores with one selector per worker. Each query may
 * want its own number of neighbours; equal scores rank the lower reference first; with
 * {@link #excludingSelf} query i never gets reference i (the queries are the references). A
 * callback after each block reports progress and may stop the search by throwing.
 *
 * <p>Immutable: the settings return a new kernel. A search is not thread-safe with itself but
 * several may run at once.
 */
public final class ExactKnn {

    /** Floats in one block's score matrix when the block size is automatic (64 MiB). */
    public static final long AUTO_BLOCK_SCORES = 1L << 24;

    /** How a block of queries is scored. */
    public enum Scoring {
        /**
         * Squared distance over exact differences, summed in float on the host: ranks as the
         * true distances do to float precision. For search and the maps.
         */
        DIFFERENCES,
        /**
         * |r|^2 - 2 q.r by one matrix product per block: many times faster on large sets (what
         * evaluation uses), but the cancellation makes near-ties coarser than DIFFERENCES.
         */
        MATRIX_PRODUCT
    }

    /** Receives each query's neighbours. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Query {@code query}'s nearest references in {@code nearest[0 .. count)}, nearest
         * first; {@code count} = min(wanted, references left). The array is reused: copy what you
         * keep. Called from several threads at once, once per query that wants any neighbours.
         */
        void accept(int query, int[] nearest, int count);
    }

    /** Turns a query's nearest references into what the caller keeps (its neighbour list). */
    @FunctionalInterface
    public interface Result<R> {
        /** As {@link Sink#accept}: {@code nearest} is reused, read it before returning. */
        R of(int query, int[] nearest, int count);
    }

    /** Called after each block of queries, on the calling thread. */
    @FunctionalInterface
    public interface BlockDone {
        /** Report progress here; throw (e.g. on cancellation) to stop the search. */
        void done(int queriesDone, int queryCount);
    }

    private final ReferenceRows reference;
    private final Scoring scoring;
    private final int blockRows;
    private final boolean excludeSelf;

    private ExactKnn(ReferenceRows reference, Scoring scoring, int blockRows,
            boolean excludeSelf) {
        this.reference = reference;
        this.scoring = scoring;
        this.blockRows = blockRows;
        this.excludeSelf = excludeSelf;
    }

    /** A kernel over {@code reference}, scoring by differences, with automatic blocks. */
    public static ExactKnn over(ReferenceRows reference) {
        return new ExactKnn(reference, Scoring.DIFFERENCES, 0, false);
    }

    public ExactKnn scoredBy(Scoring how) {
        return new ExactKnn(reference, how, blockRows, excludeSelf);
    }

    /** Queries per block, or 0 for {@link #autoBlockRows}. */
    public ExactKnn inBlocksOf(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("block size must be >= 0 (0 = automatic), got "
                    + rows);
        }
        return new ExactKnn(reference, scoring, rows, excludeSelf);
    }

    /** Whether query i is reference i and must not be its own neighbour. */
    public ExactKnn excludingSelf(boolean exclude) {
        return new ExactKnn(reference, scoring, blockRows, exclude);
    }

    /** Queries per block so that a block's score matrix holds about {@link #AUTO_BLOCK_SCORES}. */
    public static int autoBlockRows(int referenceCount, int queryCount) {
        long rows = AUTO_BLOCK_SCORES / Math.max(1, referenceCount);
        return (int) Math.max(1, Math.min(Math.max(1, queryCount), rows));
    }

    /** The k nearest of every query, with no progress reports. */
    public void search(float[] queries, int queryCount, int k, Sink sink) {
        search(queries, queryCount, query -> k, sink, (done, total) -> { });
    }

    /**
     * The k nearest of every query, each turned into a result, in query order. Each query's slot
     * is written by one worker; the search's join publishes them.
     */
    public <R> List<R> collect(float[] queries, int queryCount, int k, Result<R> result) {
        List<R> results = new ArrayList<>(Collections.nCopies(queryCount, null));
        search(queries, queryCount, k,
                (query, nearest, count) -> results.set(query, result.of(query, nearest, count)));
        return results;
    }

    /**
     * @param queries {@code queryCount x dim} floats, row-major (dim of the references)
     * @param wanted how many neighbours each query wants (0: none, and no call to the sink)
     */
    public void search(float[] queries, int queryCount, IntUnaryOperator wanted, Sink sink,
            BlockDone afterBlock) {
        if (queryCount < 0 || (long) queryCount * reference.dim() > queries.length) {
            throw new IllegalArgumentException(queries.length + " floats do not hold "
                    + queryCount + " queries of " + reference.dim() + " dimensions");
        }
        int[] want = new int[queryCount];
        int capacity = 0;
        for (int q = 0; q < queryCount; q++) {
            want[q] = wanted.applyAsInt(q);
            if (want[q] < 0) {
                throw new IllegalArgumentException("query " + q + " wants " + want[q]
                        + " neighbours");
            }
            capacity = Math.max(capacity, Math.min(want[q], reference.count()));
        }
        if (queryCount == 0) {
            return;
        }
        int block = blockRows > 0 ? blockRows : autoBlockRows(reference.count(), queryCount);
        Worker[] workers = new Worker[Math.min(block,
                Runtime.getRuntime().availableProcessors() * 4)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(capacity);
        }
        try (BlockScorer scorer = scoring == Scoring.DIFFERENCES
                ? new DifferenceScorer(queries, reference)
                : new MatrixProductScorer(queries, reference)) {
            for (int from = 0; from < queryCount; from += block) {
                int to = Math.min(queryCount, from + block);
                select(workers, scorer.score(from, to), from, to, want, sink);
                afterBlock.done(to, queryCount);
            }
        }
    }

    /** Scratch reused across blocks, so no large arrays are allocated per block. */
    private static final class Worker {
        final TopKSelector selector = new TopKSelector();
        final int[] nearest;

        Worker(int capacity) {
            nearest = new int[capacity];
        }
    }

    /** Picks the nearest of queries {@code [from, to)}; rows are split evenly among workers. */
    private void select(Worker[] workers, FloatBuffer scores, int from, int to, int[] want,
            Sink sink) {
        int rows = to - from;
        int count = reference.count();
        int chunks = Math.min(rows, workers.length);
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            Worker worker = workers[chunk];
            for (int row = chunk * rows / chunks; row < (chunk + 1) * rows / chunks; row++) {
                int query = from + row;
                if (want[query] == 0) {
                    continue;
                }
                int found = worker.selector.select(scores, row * count, count, want[query],
                        excludeSelf ? query : -1, worker.nearest);
                sink.accept(query, worker.nearest, found);
            }
        });
    }
}
