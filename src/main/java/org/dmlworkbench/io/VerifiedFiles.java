package org.dmlworkbench.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Files that carry the SHA-256 of their content and are verified, whole, before any byte of them
 * is used: checkpoints and model parameters. A file damaged on disk (a block of zeroed bytes, a
 * copy cut short) is refused with a sentence naming it instead of resuming from, or searching
 * with, numbers nobody wrote.
 *
 * <p>Layout: the header {@value #MAGIC_TEXT} and the kind of file (Java modified UTF-8, e.g.
 * "checkpoint"), the payload, then a trailer of the payload's length (8 bytes, big-endian), its
 * SHA-256 (32 bytes) and {@value #END_TEXT}. Written atomically through {@link AtomicFiles}.
 */
public final class VerifiedFiles {

    static final String MAGIC_TEXT = "DMLWB-VERIFIED\n";
    static final String END_TEXT = "DMLWB-END";
    private static final byte[] MAGIC = MAGIC_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = END_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;
    private static final int TRAILER_BYTES = Long.BYTES + DIGEST_BYTES + END_TEXT.length();

    /** A file that exists but whose content cannot be trusted; the message names it. */
    public static final class DamagedFileException extends IOException {
        public DamagedFileException(String message) {
            super(message);
        }
    }

    private VerifiedFiles() {}

    /** Writes {@code payload} as a verified file of {@code kind}, atomically. */
    public static void write(Path target, String kind, AtomicFiles.Writer payload) throws IOException {
        AtomicFiles.write(target, out -> {
            DataOutputStream header = new DataOutputStream(out);
            header.write(MAGIC);
            header.writeUTF(kind);
            header.flush();
            MessageDigest digest = sha256();
            CountingDigestStream body = new CountingDigestStream(out, digest);
            payload.write(body);
            body.flush();
            DataOutputStream trailer = new DataOutputStream(out);
            trailer.writeLong(body.count);
            trailer.write(digest.digest());
            trailer.write(END);
            trailer.flush();
        });
    }

    /** True when {@code file} starts with the verified-file header (whatever its kind). */
    public static boolean hasHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    /**
     * Verifies the whole file against its checksum, then opens it positioned at the payload; the
     * stream ends where the payload ends.
     *
     * @throws DamagedFileException when the file is cut short, altered, or of another kind
     */
    public static InputStream open(Path file, String kind) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist", e);
        }
        long payloadStart;
        long payloadLength;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new DamagedFileException(file + " is not a DML Workbench " + kind
                        + " file: it does not start with the workbench's header (damaged, or"
                        + " another kind of file)");
            }
            String found = readKind(in, file, kind);
            if (!found.equals(kind)) {
                throw new DamagedFileException(file + " is a " + found + " file, not a " + kind);
            }
            payloadStart = MAGIC.length + 2L + found.getBytes(StandardCharsets.UTF_8).length;
            payloadLength = size - payloadStart - TRAILER_BYTES;
            if (payloadLength < 0) {
                throw damaged(file, "it is cut short");
            }
            MessageDigest digest = sha256();
            byte[] buffer = new byte[1 << 16];
            long left = payloadLength;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw damaged(file, "it is cut short");
                }
                digest.update(buffer, 0, read);
                left -= read;
            }
            long recordedLength = in.readLong();
            byte[] recorded = in.readNBytes(DIGEST_BYTES);
            byte[] end = in.readNBytes(END.length);
            if (recordedLength != payloadLength || !Arrays.equals(end, END)) {
                throw damaged(file, "its end is not where its trailer says (cut short or extended)");
            }
            if (!MessageDigest.isEqual(recorded, digest.digest())) {
                throw damaged(file, "its content does not match the checksum written with it");
            }
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.skipNBytes(payloadStart);
        return new BoundedInputStream(in, payloadLength);
    }

    private static String readKind(DataInputStream in, Path file, String kind) throws IOException {
        try {
            return in.readUTF();
        } catch (IOException e) {
            throw damaged(file, "its header is broken");
        }
    }

    private static DamagedFileException damaged(Path file, String why) {
        return new DamagedFileException(file + " is damaged: " + why
                + " (it changed on disk after it was written)");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Passes bytes on, digesting and counting them; never closes the target. */
    private static final class CountingDigestStream extends FilterOutputStream {
        private final MessageDigest digest;
        private long count;

        CountingDigestStream(OutputStream out, MessageDigest digest) {
            super(out);
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Reads at most {@code limit} bytes of the underlying stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(b, off, (int) Math.min(len, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
