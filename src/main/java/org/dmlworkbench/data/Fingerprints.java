package org.dmlworkbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests used for download checks and run provenance. */
public final class Fingerprints {

    private Fingerprints() {}

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] pixels, int[] labels) {
        MessageDigest digest = newDigest();
        digest.update(pixels);
        ByteBuffer buffer = ByteBuffer.allocate(labels.length * Integer.BYTES);
        buffer.asIntBuffer().put(labels);
        digest.update(buffer.array());
        return HexFormat.of().formatHex(digest.digest());
    }
}
