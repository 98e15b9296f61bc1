package org.dmlworkbench.search;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.io.AtomicFiles;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.dmlworkbench.data.DataFormatException;

/**
 * The binary gallery cache, big-endian:
 * <pre>
 * 8 bytes  magic "DMLWGIX1"
 * int      format version (1)
 * int, n bytes  key (UTF-8)
 * int count, int dim, byte hasSources (0/1)
 * count ints     labels
 * count*dim floats  embeddings, row-major
 * if hasSources: per item int length (-1 = none) and that many UTF-8 bytes
 * long     CRC-32 of every byte before it
 * </pre>
 */
final class GalleryIndexFile {

    private static final byte[] MAGIC = "DMLWGIX1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MAX_KEY_BYTES = 1 << 16;
    private static final int CHUNK_FLOATS = 1 << 14;

    private GalleryIndexFile() {}

    static void write(Path file, float[] data, int count, int dim, int[] labels,
            String[] sources, String key) throws IOException {
        AtomicFiles.write(file, stream -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(stream, crc));
            out.write(MAGIC);
            out.writeInt(VERSION);
            writeBytes(out, key.getBytes(StandardCharsets.UTF_8));
            out.writeInt(count);
            out.writeInt(dim);
            out.writeByte(sources == null ? 0 : 1);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * 4);
            for (int from = 0; from < labels.length; from += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, labels.length - from);
                chunk.clear();
                chunk.asIntBuffer().put(labels, from, n);
                out.write(chunk.array(), 0, n * 4);
            }
            for (int from = 0; from < data.length; from += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, data.length - from);
                chunk.clear();
                chunk.asFloatBuffer().put(data, from, n);
                out.write(chunk.array(), 0, n * 4);
            }
            if (sources != null) {
                for (String source : sources) {
                    if (source == null) {
                        out.writeInt(-1);
                    } else {
                        writeBytes(out, source.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            out.flush();
            out.writeLong(crc.getValue());
            out.flush();
        });
    }

    /**
     * @param expectedKey null to accept any key; otherwise a file with another key gives null
     *     (read no further than the header)
     */
    static GalleryIndex read(Path file, String expectedKey) throws IOException {
        long fileSize = Files.size(file);
        CRC32 crc = new CRC32();
        String section = "header";
        try (DataInputStream in = new DataInputStream(new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), crc))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DataFormatException(file, "not a gallery index (bad magic bytes)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new DataFormatException(file, "gallery index format version " + version
                        + ", this program reads version " + VERSION);
            }
            int keyLength = in.readInt();
            if (keyLength < 0 || keyLength > MAX_KEY_BYTES) {
                throw new DataFormatException(file, "implausible key length " + keyLength);
            }
            byte[] keyBytes = new byte[keyLength];
            in.readFully(keyBytes);
            String key = new String(keyBytes, StandardCharsets.UTF_8);
            if (expectedKey != null && !expectedKey.equals(key)) {
                return null;
            }
            int count = in.readInt();
            int dim = in.readInt();
            int hasSources = in.readUnsignedByte();
            long payload = (long) count * 4 + (long) count * dim * 4;
            if (count < 0 || dim < 1 || hasSources > 1 || (long) count * dim > Integer.MAX_VALUE
                    || payload > fileSize) {
                throw new DataFormatException(file, "header says " + count + " items of " + dim
                        + " dimensions, which a file of " + fileSize + " bytes cannot hold");
            }
            section = "labels";
            int[] labels = new int[count];
            float[] data = new float[count * dim];
            byte[] chunk = new byte[CHUNK_FLOATS * 4];
            ByteBuffer view = ByteBuffer.wrap(chunk);
            for (int from = 0; from < count; from += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, count - from);
                in.readFully(chunk, 0, n * 4);
                view.clear();
                view.asIntBuffer().get(labels, from, n);
            }
            section = "embeddings";
            for (int from = 0; from < data.length; from += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, data.length - from);
                in.readFully(chunk, 0, n * 4);
                view.clear();
                view.asFloatBuffer().get(data, from, n);
            }
            section = "sources";
            String[] sources = hasSources == 1 ? readSources(in, file, count, fileSize) : null;
            long computed = crc.getValue();
            section = "checksum";
            long stored = in.readLong();
            if (stored != computed) {
                throw new DataFormatException(file, "checksum mismatch: the file is damaged");
            }
            if (in.read() != -1) {
                throw new DataFormatException(file, "unexpected bytes after the checksum");
            }
            return new GalleryIndex(data, count, dim, labels, sources, key);
        } catch (EOFException e) {
            throw new DataFormatException(file.toString(), "truncated: the file ends inside the "
                    + section + " section", e);
        }
    }

    private static String[] readSources(DataInputStream in, Path file, int count, long fileSize)
            throws IOException {
        String[] sources = new String[count];
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length == -1) {
                continue;
            }
            if (length < 0 || length > fileSize) {
                throw new DataFormatException(file, "implausible source length " + length
                        + " for item " + i);
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            sources[i] = new String(bytes, StandardCharsets.UTF_8);
        }
        return sources;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
