package org.dmlworkbench.guided;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.io.AtomicFiles;

/**
 * A float32 matrix in NumPy's .npy format (version 1.0, little-endian, C order), so the master's
 * embeddings open with {@code numpy.load} as well as here.
 */
public record NpyMatrix(int rows, int columns, float[] data) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+),?\\)");

    public NpyMatrix {
        if (rows < 0 || columns < 0 || data.length != (long) rows * columns) {
            throw new IllegalArgumentException(rows + "x" + columns + " matrix needs "
                    + ((long) rows * columns) + " values, got " + data.length);
        }
    }

    public void write(Path file) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", "
                + columns + "), }";
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        header = header + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + headerBytes.length + data.length * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length)
                .put(headerBytes);
        for (float value : data) {
            buffer.putFloat(value);
        }
        AtomicFiles.writeBytes(file, buffer.array());
    }

    public static NpyMatrix read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) {
            throw new DataFormatException(file, "is not a .npy file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new DataFormatException(file, "is not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int headerLength = Short.toUnsignedInt(buffer.getShort(8));
        String header = new String(bytes, 10, Math.min(headerLength, bytes.length - 10),
                StandardCharsets.US_ASCII);
        Matcher shape = SHAPE.matcher(header);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True") || !shape.find()) {
            throw new DataFormatException(file, "must hold a 2-D little-endian float32 matrix in C"
                    + " order, its header says " + header.trim());
        }
        int rows = Integer.parseInt(shape.group(1));
        int columns = Integer.parseInt(shape.group(2));
        int offset = 10 + headerLength;
        if (bytes.length - offset != (long) rows * columns * 4) {
            throw new DataFormatException(file, "should hold " + rows + "x" + columns
                    + " floats but has " + (bytes.length - offset) + " data bytes");
        }
        float[] data = new float[rows * columns];
        buffer.position(offset);
        buffer.asFloatBuffer().get(data);
        return new NpyMatrix(rows, columns, data);
    }
}
