package org.dmlworkbench.neighbours;

/**
 * The rows {@link ExactKnn} searches: {@code count x dim} floats, row-major. Rows held in memory
 * are read where they lie; others (the store's memory-mapped file) are copied a block at a time.
 */
public interface ReferenceRows {

    int count();

    int dim();

    /** Copies rows {@code [from, from + n)} into {@code out} from {@code offset}, row-major. */
    void rows(int from, int n, float[] out, int offset);

    /**
     * The rows as one row-major array of {@code count x dim}, read in place and never written,
     * or null when they have to be copied with {@link #rows}.
     */
    default float[] array() {
        return null;
    }

    /** Rows held in {@code data}, which is used as it is (not copied). */
    static ReferenceRows of(float[] data, int count, int dim) {
        if ((long) count * dim != data.length) {
            throw new IllegalArgumentException(data.length + " floats are not " + count + " x "
                    + dim);
        }
        return new InMemory(data, count, dim);
    }

    /** Rows in one array. */
    record InMemory(float[] array, int count, int dim) implements ReferenceRows {

        @Override
        public void rows(int from, int n, float[] out, int offset) {
            System.arraycopy(array, from * dim, out, offset, n * dim);
        }
    }
}
