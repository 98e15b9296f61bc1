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
import java.util.HashMap;
import java.util.Map;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.model.ModelFiles;
import org.dmlworkbench.training.optim.CheckpointableOptimizer;

/**
 * Everything needed to continue a run exactly: where it was, the parameters (batch-norm running
 * statistics included) and the optimizer state. One file, written atomically.
 */
public final class Checkpoint {

    private static final String MAGIC = "DMLWB-CHECKPOINT-1";

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

    public static void save(Path file, Position position, Block net, CheckpointableOptimizer optimizer)
            throws IOException {
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeUTF(MAGIC);
            byte[] header = Json.gson().toJson(position).getBytes(StandardCharsets.UTF_8);
            out.writeInt(header.length);
            out.write(header);
            net.saveParameters(out);
            optimizer.saveState(out, idToName(net));
            out.writeUTF(MAGIC);
            out.flush();
        });
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

    private static Position read(Path file, Block net, CheckpointableOptimizer optimizer,
            NDManager manager) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                DataInputStream in = new DataInputStream(raw)) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(file + " is not a DML Workbench checkpoint");
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
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(file + " ends in the wrong place: it is damaged");
            }
            return position;
        } catch (EOFException e) {
            throw new IOException(file + " is truncated (the run was probably killed while an"
                    + " older version wrote it); delete it to restart the run from scratch", e);
        }
    }

    private static Map<String, String> idToName(Block net) {
        Map<String, String> map = new HashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            map.put(p.getValue().getId(), p.getKey());
        }
        return map;
    }
}
