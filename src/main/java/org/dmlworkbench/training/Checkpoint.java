package org.dmlworkbench.training;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.io.VerifiedFiles;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.model.ModelFiles;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.optim.CheckpointableOptimizer;

/**
 * Everything needed to continue a run exactly: where it was, the parameters (batch-norm running
 * statistics included) and the optimizer state. One file with its own checksum
 * ({@link VerifiedFiles}), written atomically; the one before it is kept as the fallback.
 */
public final class Checkpoint {

    /** The kind recorded in the verified-file header. */
    private static final String KIND = "checkpoint";
    /** The unverified format written before checkpoints carried a checksum; still readable. */
    private static final String LEGACY_MAGIC = "DMLWB-CHECKPOINT-1";

    /**
     * Position of a run.
     *
     * @param completedEpochs epochs fully done (their metrics are in metrics.csv)
     * @param stepInEpoch steps done in the current epoch
     * @param epochLossSum sum of the step losses of the current epoch so far
     * @param epochSeconds training seconds spent in the current epoch so far
     */
    public record Position(int completedEpochs, int stepInEpoch, long globalStep,
            double epochLossSum, double epochSeconds) {

        public static Position start() {
            return new Position(0, 0, 0, 0, 0);
        }
    }

    private Checkpoint() {}

    /**
     * Writes the run's checkpoint so that {@code last.ckpt} exists at every moment, even for a
     * process killed mid-save: the new one is written in full beside it first, the last one is
     * then kept as {@code previous.ckpt} (the fallback when a later one turns out damaged) by a
     * hard link renamed into place, and only then does the new one replace {@code last.ckpt}, by
     * an atomic rename. A save that fails leaves both as they were. (Moving last.ckpt aside
     * before writing the new one left a window of the write's length with no last.ckpt; a kill
     * in it lost nothing, since resume falls back to previous.ckpt, but the run folder read as
     * having no newest checkpoint.)
     */
    public static void save(RunDirectory run, Position position, Block net,
            CheckpointableOptimizer optimizer) throws IOException {
        Path last = run.checkpointFile();
        // a dot-name ending in .tmp: RunDirectory.removeStaleTemporaryFiles clears it after a kill
        Path next = last.resolveSibling("." + last.getFileName() + ".next.tmp");
        try {
            VerifiedFiles.write(next, KIND, stream -> {
                DataOutputStream out = new DataOutputStream(stream);
                byte[] header = Json.gson().toJson(position).getBytes(StandardCharsets.UTF_8);
                out.writeInt(header.length);
                out.write(header);
                net.saveParameters(out);
                optimizer.saveState(out, idToName(net));
                out.flush();
            });
            if (Files.isRegularFile(last)) {
                keepAsPrevious(last, run.previousCheckpointFile());
            }
            AtomicFiles.replace(next, last);
        } finally {
            Files.deleteIfExists(next);
        }
    }

    /** Makes {@code previous} the file {@code last} is now, never leaving either missing. */
    private static void keepAsPrevious(Path last, Path previous) throws IOException {
        Path staged = previous.resolveSibling("." + previous.getFileName() + ".link.tmp");
        Files.deleteIfExists(staged);
        try {
            Files.createLink(staged, last);
        } catch (UnsupportedOperationException | IOException e) {
            // a file system without hard links: a copy costs a read and a write of the file
            Files.copy(last, staged, StandardCopyOption.REPLACE_EXISTING);
        }
        AtomicFiles.replace(staged, previous);
    }

    /** Reads only the parameters of a checkpoint (for inference from an unfinished run). */
    public static Position loadParameters(Path file, Block net, NDManager manager) throws IOException {
        return read(file, net, null, manager);
    }

    /** Reads a checkpoint into an initialised network and a fresh optimizer. */
    public static Position load(Path file, Block net, CheckpointableOptimizer optimizer,
            NDManager manager) throws IOException {
        return read(file, net, optimizer, manager);
    }

    /**
     * The run's newest usable checkpoint: the last one, or the previous one when the last is
     * missing or damaged ({@code warnings} hears why).
     *
     * @param setAside rename a damaged last checkpoint to {@code last.ckpt.damaged} (when the run
     *     goes on and would otherwise rotate it into the fallback); false for read-only use
     */
    public static Path latestGood(RunDirectory run, java.util.function.Consumer<String> warnings,
            boolean setAside) throws IOException {
        Path last = run.checkpointFile();
        Path previous = run.previousCheckpointFile();
        IOException lastProblem = null;
        if (Files.isRegularFile(last)) {
            try {
                verify(last);
                return last;
            } catch (IOException e) {
                lastProblem = e;
            }
        }
        if (!Files.isRegularFile(previous)) {
            if (lastProblem != null) {
                throw lastProblem;
            }
            throw new IOException(run + " has no checkpoint to resume from");
        }
        try {
            verify(previous);
        } catch (IOException e) {
            throw new IOException((lastProblem != null ? lastProblem.getMessage() + "; and " : "")
                    + e.getMessage() + "; no usable checkpoint is left: train the run again", e);
        }
        if (lastProblem != null) {
            if (setAside) {
                Files.move(last, last.resolveSibling(last.getFileName() + ".damaged"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            warnings.accept(lastProblem.getMessage() + (setAside ? "; it was set aside as "
                    + last.getFileName() + ".damaged" : "") + "; using the checkpoint before it ("
                    + previous.getFileName() + ")");
        }
        return previous;
    }

    /** Checks a checkpoint's checksum without reading it into a model. */
    static void verify(Path file) throws IOException {
        if (!isLegacy(file)) {
            VerifiedFiles.open(file, KIND).close();
        }
    }

    private static Position read(Path file, Block net, CheckpointableOptimizer optimizer,
            NDManager manager) throws IOException {
        boolean legacy = isLegacy(file);
        try (InputStream raw = legacy ? new BufferedInputStream(Files.newInputStream(file))
                : VerifiedFiles.open(file, KIND);
                DataInputStream in = new DataInputStream(raw)) {
            if (legacy) {
                in.readUTF();
            }
            byte[] header = new byte[in.readInt()];
            in.readFully(header);
            Position position = Json.gson().fromJson(
                    new String(header, StandardCharsets.UTF_8), Position.class);
            ModelFiles.loadParameters(net, manager, in, file);
            if (optimizer == null) {
                return position;
            }
            Map<String, String> nameToId = new HashMap<>();
            idToName(net).forEach((id, name) -> nameToId.put(name, id));
            optimizer.loadState(in, nameToId, manager);
            if (legacy && !LEGACY_MAGIC.equals(in.readUTF())) {
                throw new IOException(file + " ends in the wrong place: it is damaged");
            }
            return position;
        } catch (EOFException e) {
            throw new IOException(file + " is truncated (the run was probably killed while an"
                    + " older version wrote it); delete it to restart the run from scratch", e);
        }
    }

    /**
     * True for a checkpoint of the format before checksums (it starts with its own magic); such
     * files are read unverified. Anything that is neither format is refused by name.
     */
    private static boolean isLegacy(Path file) throws IOException {
        if (VerifiedFiles.hasHeader(file)) {
            return false;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] start = in.readNBytes(2 + LEGACY_MAGIC.length());
            byte[] expected = new byte[2 + LEGACY_MAGIC.length()];
            expected[1] = (byte) LEGACY_MAGIC.length();
            System.arraycopy(LEGACY_MAGIC.getBytes(StandardCharsets.US_ASCII), 0, expected, 2,
                    LEGACY_MAGIC.length());
            if (java.util.Arrays.equals(start, expected)) {
                return true;
            }
        }
        throw new VerifiedFiles.DamagedFileException(file + " is not a DML Workbench checkpoint: it"
                + " does not start with a checkpoint header (damaged, or another kind of file)");
    }

    private static Map<String, String> idToName(Block net) {
        Map<String, String> map = new HashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            map.put(p.getValue().getId(), p.getKey());
        }
        return map;
    }
}
