package org.dmlworkbench.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.training.TrainedModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.dmlworkbench.data.Fingerprints;

/**
 * What identifies the embedding space of a store: the model's parameters (SHA-256 of the file
 * they were loaded from), the input size and the normalisation. Two runs, or one run before and
 * after more training, give different fingerprints; the same run reopened gives the same one.
 */
public final class StoreFingerprint {

    private StoreFingerprint() {}

    public static String of(TrainedModel model) throws IOException {
        return of(model.parameterKey(), input(model), Arrays.toString(model.normalization().mean())
                + Arrays.toString(model.normalization().std()));
    }

    static String of(String parametersSha256, String input, String normalisation) {
        return digest("store-v1", parametersSha256, input, normalisation);
    }

    /** SHA-256 over the parts, each length-prefixed (so ("ab","c") differs from ("a","bc")). */
    public static String digest(String... parts) {
        MessageDigest digest = Fingerprints.newDigest();
        for (String part : parts) {
            byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** "1x28x28": channels x height x width of the model's input. */
    public static String input(TrainedModel model) {
        RunManifest.DataInfo data = model.manifest().data();
        return data.channels() + "x" + data.height() + "x" + data.width();
    }

    static void require(Path folder, StoreManifest manifest, String fingerprint, String whose)
            throws IOException {
        if (!manifest.fingerprint().equals(fingerprint)) {
            throw new IOException(folder + " was written by another model (run " + manifest.run()
                    + ", fingerprint " + shortly(manifest.fingerprint()) + ") than " + whose
                    + " (fingerprint " + shortly(fingerprint) + "): its embeddings live in another"
                    + " space. Give a new --store folder, or use the run that wrote it");
        }
    }

    static String shortly(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
    }
}
