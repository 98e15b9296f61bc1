package org.dmlworkbench.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmlworkbench.data.DataFormatException;

/**
 * The header of a NumPy .npy file (format 1.0, little-endian, C order) for the store's arrays.
 * It is always {@link #LENGTH} bytes, whatever the shape, so a file can be written row by row
 * behind a placeholder header and the real row count put in place at the end without moving the
 * data; 128 also keeps the rows 64-byte aligned, as NumPy likes for memory mapping.
 *
 * @param dtype NumPy's type string: "&lt;f4" (float32) or "&lt;i4" (int32)
 * @param rows first dimension
 * @param columns second dimension, or 0 for a 1-D array of {@code rows} values
 */
public record NpyHeader(String dtype, long rows, int columns) {

    public static final int LENGTH = 128;
    public static final String FLOAT32 = "<f4";
    public static final String INT32 = "<i4";
    public static final String INT64 = "<i8";
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+)\\s*,\\s*(\\d*)\\s*,?\\s*\\)");

    /** Bytes of one element. */
    public int elementBytes() {
        return dtype.equals(INT64) ? 8 : 4;
    }

    /** Bytes of the data after the header. */
    public long dataBytes() {
        return rows * Math.max(1, columns) * elementBytes();
    }

    public byte[] bytes() {
        String shape = columns == 0 ? "(" + rows + ",)" : "(" + rows + ", " + columns + ")";
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int prefix = MAGIC.length + 2 + 2;
        int padding = LENGTH - prefix - dict.length() - 1;
        if (padding < 0) {
            throw new IllegalArgumentException("shape " + shape + " does not fit a .npy header");
        }
        ByteBuffer out = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) (LENGTH - prefix));
        out.put((dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    /** Writes this header over the first {@link #LENGTH} bytes of an open file. */
    public void writeAt(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes());
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    /**
     * Reads and checks the header of {@code file}: a {@link #LENGTH}-byte header of the expected
     * type whose shape matches the file's size.
     */
    public static NpyHeader read(Path file, String expectedDtype) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // fill
            }
            if (buffer.position() < LENGTH) {
                throw new DataFormatException(file, "is too short to be a store array (.npy)");
            }
            byte[] bytes = buffer.array();
            for (int i = 0; i < MAGIC.length; i++) {
                if (bytes[i] != MAGIC[i]) {
                    throw new DataFormatException(file, "is not a .npy file (no \\x93NUMPY magic)");
                }
            }
            int headerLength = Short.toUnsignedInt(buffer.getShort(8));
            if (bytes[6] != 1 || 10 + headerLength != LENGTH) {
                throw new DataFormatException(file, "has a .npy header this program did not write"
                        + " (version " + bytes[6] + ", " + (10 + headerLength) + " bytes)");
            }
            String dict = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
            Matcher descr = DESCR.matcher(dict);
            Matcher shape = SHAPE.matcher(dict);
            if (!descr.find() || !descr.group(1).equals(expectedDtype)
                    || dict.contains("'fortran_order': True") || !shape.find()) {
                throw new DataFormatException(file, "should hold " + expectedDtype
                        + " values in C order, its header says " + dict.trim());
            }
            long rows = Long.parseLong(shape.group(1));
            int columns = shape.group(2).isEmpty() ? 0 : Integer.parseInt(shape.group(2));
            NpyHeader header = new NpyHeader(expectedDtype, rows, columns);
            long expected = LENGTH + header.dataBytes();
            if (channel.size() != expected) {
                throw new DataFormatException(file, "should be " + expected + " bytes for shape "
                        + (columns == 0 ? "(" + rows + ",)" : "(" + rows + ", " + columns + ")")
                        + " but is " + channel.size() + " bytes (truncated or damaged)");
            }
            return header;
        }
    }
}
