package org.dmlworkbench.neighbours;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Scores by the squared distance summed over exact differences, on the host: what search and the
 * maps rank by. The references are walked in chunks spread over the cores; a chunk is read in
 * place (rows in memory) or copied once per block (rows on disk), and serves every query of the
 * block in tiles, so each reference row is read from memory once per tile of queries.
 */
final class DifferenceScorer implements BlockScorer {

    /** Reference rows per chunk (256 KiB of 128-d floats: stays in the cache for a tile). */
    private static final int CHUNK_ROWS = 512;
    /** Queries scored together against one reference row. */
    private static final int QUERY_TILE = 8;

    private final float[] queries;
    private final ReferenceRows reference;
    private float[] scores = new float[0];

    DifferenceScorer(float[] queries, ReferenceRows reference) {
        this.queries = queries;
        this.reference = reference;
    }

    @Override
    public FloatBuffer score(int from, int to) {
        int count = reference.count();
        int dim = reference.dim();
        if (scores.length < (to - from) * count) {
            scores = new float[(to - from) * count];
        }
        float[] out = scores;
        float[] inMemory = reference.array();
        int chunks = (count + CHUNK_ROWS - 1) / CHUNK_ROWS;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            int first = chunk * CHUNK_ROWS;
            int n = Math.min(CHUNK_ROWS, count - first);
            float[] rows = inMemory;
            int base = first * dim;
            if (rows == null) {
                rows = new float[n * dim];
                reference.rows(first, n, rows, 0);
                base = 0;
            }
            for (int tile = from; tile < to; tile += QUERY_TILE) {
                int tileEnd = Math.min(to, tile + QUERY_TILE);
                for (int r = 0; r < n; r++) {
                    for (int q = tile; q < tileEnd; q++) {
                        out[(q - from) * count + first + r] = SquaredDistance.ranking(queries,
                                q * dim, rows, base + r * dim, dim);
                    }
                }
            }
        });
        return FloatBuffer.wrap(out);
    }

    @Override
    public void close() {
        scores = new float[0];
    }
}
