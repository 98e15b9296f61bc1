package org.dmlworkbench.store;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dmlworkbench.neighbours.ReferenceRows;
import org.dmlworkbench.neighbours.SquaredDistance;

/**
 * The store's float32 rows, memory-mapped read-only: only the pages a search touches are read
 * from disk, so a gallery of any size opens at once and takes no heap. A mapping holds at most
 * 2 GiB, so large files are mapped in chunks of whole rows. Reads are absolute and thread-safe.
 * The exact k-NN kernel reads them as {@link ReferenceRows}, a block of rows at a time.
 */
public final class StoreVectors implements ReferenceRows {

    /** Largest chunk mapped at once (bytes), below the 2 GiB limit of one mapping. */
    static final long MAX_CHUNK_BYTES = 1L << 30;

    private final int count;
    private final int dim;
    private final int rowsPerChunk;
    private final FloatBuffer[] chunks;

    private StoreVectors(int count, int dim, int rowsPerChunk, FloatBuffer[] chunks) {
        this.count = count;
        this.dim = dim;
        this.rowsPerChunk = rowsPerChunk;
        this.chunks = chunks;
    }

    /** Maps {@code count x dim} little-endian floats that start {@code offset} bytes into the file. */
    static StoreVectors map(Path file, long offset, int count, int dim) throws IOException {
        int rowsPerChunk = (int) Math.max(1, Math.min(count, MAX_CHUNK_BYTES / (4L * dim)));
        int chunkCount = count == 0 ? 0 : (count + rowsPerChunk - 1) / rowsPerChunk;
        FloatBuffer[] chunks = new FloatBuffer[chunkCount];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int c = 0; c < chunkCount; c++) {
                long firstRow = (long) c * rowsPerChunk;
                long rows = Math.min(rowsPerChunk, count - firstRow);
                chunks[c] = channel.map(FileChannel.MapMode.READ_ONLY, offset + firstRow * dim * 4L,
                        rows * dim * 4L).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            }
        }
        return new StoreVectors(count, dim, rowsPerChunk, chunks);
    }

    /** Vectors held in memory (tests, and the synthetic galleries of the benchmark). */
    public static StoreVectors of(float[] data, int count, int dim) {
        if ((long) count * dim != data.length) {
            throw new IllegalArgumentException(data.length + " floats are not " + count + " x " + dim);
        }
        return new StoreVectors(count, dim, Math.max(1, count), count == 0 ? new FloatBuffer[0]
                : new FloatBuffer[] {FloatBuffer.wrap(data)});
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int dim() {
        return dim;
    }

    /** Copies row {@code row} into {@code out[0..dim)}. */
    public void row(int row, float[] out) {
        rows(row, 1, out, 0);
    }

    public float[] row(int row) {
        float[] out = new float[dim];
        row(row, out);
        return out;
    }

    /** Copies rows {@code [from, from + n)} into {@code out} from {@code offset}, row-major. */
    @Override
    public void rows(int from, int n, float[] out, int offset) {
        if (from < 0 || n < 0 || from + n > count) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + (from + n) + " of " + count);
        }
        int done = 0;
        while (done < n) {
            int row = from + done;
            int chunk = row / rowsPerChunk;
            int inChunk = row - chunk * rowsPerChunk;
            int take = Math.min(n - done, rowsPerChunk - inChunk);
            chunks[chunk].get(inChunk * dim, out, offset + done * dim, take * dim);
            done += take;
        }
    }

    /** Squared L2 distance from {@code query} to row {@code row}, summed in double. */
    public double squaredDistance(float[] query, int row, float[] scratch) {
        row(row, scratch);
        return SquaredDistance.exact(query, 0, scratch, 0, dim);
    }
}
