package org.dmlworkbench.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.dmlworkbench.io.VerifiedFiles;

/**
 * Reads and writes a network's parameters (DJL's parameter format inside a file that carries
 * its checksum, {@link VerifiedFiles}) with clear errors. Files written before checksums (plain
 * DJL format) are still read, unverified.
 */
public final class ModelFiles {

    private static final String KIND = "model parameters";

    private ModelFiles() {}

    public static void save(Block net, Path file) throws IOException {
        VerifiedFiles.write(file, KIND, out -> {
            DataOutputStream data = new DataOutputStream(out);
            net.saveParameters(data);
            data.flush();
        });
    }

    public static void load(Block net, NDManager manager, Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " does not exist: the run has no saved model yet");
        }
        try (InputStream raw = VerifiedFiles.hasHeader(file) ? VerifiedFiles.open(file, KIND)
                : new BufferedInputStream(Files.newInputStream(file));
                DataInputStream in = new DataInputStream(raw)) {
            loadParameters(net, manager, in, file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist: the run has no saved model yet", e);
        }
    }

    /** Loads from an open stream; {@code source} names the file in errors. */
    public static void loadParameters(Block net, NDManager manager, DataInputStream in, Path source)
            throws IOException {
        try {
            net.loadParameters(manager, in);
            // DJL's Parameter.load replaces the arrays without marking them for autograd, so a
            // resumed run would silently stop training the loaded parameters.
            for (var parameter : net.getParameters().values()) {
                if (parameter.requiresGradient()) {
                    parameter.getArray().setRequiresGradient(true);
                }
            }
        } catch (MalformedModelException | IllegalArgumentException e) {
            throw new IOException(source + " does not fit this model (" + e.getMessage()
                    + "); was it written by a different architecture?", e);
        } catch (java.io.EOFException e) {
            throw new IOException(source + " is truncated", e);
        }
    }
}
