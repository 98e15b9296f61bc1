package org.dmlworkbench.neighbours;

import java.nio.FloatBuffer;

/**
 * Scores a block of queries against every reference row; a lower score is nearer. Within one
 * query's row the scores must order the references as their squared distances do (a constant
 * per query may be left out).
 */
interface BlockScorer extends AutoCloseable {

    /**
     * Scores of queries {@code [from, to)}, row-major ({@code (to - from) x referenceCount}),
     * valid until the next call or {@link #close}.
     */
    FloatBuffer score(int from, int to);

    @Override
    void close();
}
