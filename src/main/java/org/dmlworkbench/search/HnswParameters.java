package org.dmlworkbench.search;

/**
 * The parameters of the HNSW graph (Malkov and Yashunin 2018) as Lucene names them.
 *
 * @param maxConn M: neighbours kept per node on the upper layers (twice as many on the bottom
 *     layer); more gives better recall for a larger index and a slower build
 * @param beamWidth efConstruction: candidates considered when a node is linked in
 * @param efSearch candidates a query explores (at least k); the recall/latency knob at query time
 */
public record HnswParameters(int maxConn, int beamWidth, int efSearch) {

    /**
     * Lucene's own defaults for the graph; efSearch 400, the smallest of 50/100/200/400 that kept
     * recall@10 at 0.98 or more on 1,000,000 clustered vectors (0.991; 200 gave 0.973) with the
     * median query still under 2 ms (docs/BENCHMARKS.md, "ann 1m synthetic").
     */
    public static final HnswParameters DEFAULTS = new HnswParameters(16, 100, 400);

    public HnswParameters {
        if (maxConn < 2 || maxConn > 512) {
            throw new IllegalArgumentException("HNSW M (max connections) must be 2..512, got " + maxConn);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("HNSW beam width must be 1..3200, got " + beamWidth);
        }
        if (efSearch < 1) {
            throw new IllegalArgumentException("HNSW efSearch must be >= 1, got " + efSearch);
        }
    }

    public HnswParameters withEfSearch(int value) {
        return new HnswParameters(maxConn, beamWidth, value);
    }

    @Override
    public String toString() {
        return "M " + maxConn + ", beam width " + beamWidth + ", efSearch " + efSearch;
    }
}
