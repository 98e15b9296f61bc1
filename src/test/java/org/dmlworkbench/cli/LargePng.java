package org.dmlworkbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/** Writes huge PNG files without holding their pixels: rows are streamed through zlib. */
final class LargePng {

    private LargePng() {}

    /** A black, fully transparent 16-bit RGBA image (colour type 6, bit depth 16). */
    static void writeBlank16BitRgba(Path file, int width, int height) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(file), 1 << 16))) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream ihdr = new DataOutputStream(header);
            ihdr.writeInt(width);
            ihdr.writeInt(height);
            ihdr.write(new byte[] {16, 6, 0, 0, 0});
            chunk(out, "IHDR", header.toByteArray(), header.size());
            byte[] row = new byte[1 + width * 8];
            try (DeflaterOutputStream zlib = new DeflaterOutputStream(new IdatStream(out), true)) {
                for (int y = 0; y < height; y++) {
                    zlib.write(row);
                }
            }
            chunk(out, "IEND", new byte[0], 0);
        }
    }

    static void chunk(DataOutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(length);
        out.write(name);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        out.writeInt((int) crc.getValue());
    }

    /** Cuts the compressed stream into IDAT chunks; closing flushes the last one only. */
    private static final class IdatStream extends OutputStream {
        private final DataOutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int size;

        IdatStream(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            buffer[size++] = (byte) b;
            if (size == buffer.length) {
                flushChunk();
            }
        }

        private void flushChunk() throws IOException {
            if (size > 0) {
                chunk(out, "IDAT", buffer, size);
                size = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }
    }
}
