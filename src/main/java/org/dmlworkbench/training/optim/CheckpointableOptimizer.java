package org.dmlworkbench.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An optimizer whose whole state (per-parameter slots, step count, learning rate) can be written
 * into a checkpoint and read back, so a resumed run continues exactly where it stopped. DJL's own
 * optimizers keep their moments private; these use the engine's fused update kernels the same way.
 */
public abstract class CheckpointableOptimizer extends Optimizer {

    private final Map<String, NDArray[]> slots = new ConcurrentHashMap<>();
    private final Map<String, Long> updates = new ConcurrentHashMap<>();
    private volatile float learningRate;

    protected CheckpointableOptimizer(OptimizerBuilder<?> builder, float learningRate) {
        super(builder);
        this.learningRate = learningRate;
    }

    public float learningRate() {
        return learningRate;
    }

    /** For schedules (e.g. reduce-on-plateau); recorded in checkpoints. */
    public void setLearningRate(float learningRate) {
        this.learningRate = learningRate;
    }

    /** Number of state arrays kept per parameter (Adam: 2, SGD with momentum: 1). */
    protected abstract int slotCount();

    /** The state arrays of one parameter, created as zeros on first use. */
    protected NDArray[] slots(String parameterId, NDArray weight) {
        return slots.computeIfAbsent(parameterId, id -> {
            NDArray[] created = new NDArray[slotCount()];
            for (int i = 0; i < created.length; i++) {
                created[i] = weight.zerosLike();
                // The optimizer outlives every batch scope; its state belongs to no sub-manager.
                created[i].detach();
            }
            return created;
        });
    }

    /** 1-based count of updates of this parameter, incremented per call. */
    protected long nextStep(String parameterId) {
        return updates.merge(parameterId, 1L, Long::sum);
    }

    /**
     * Writes the state keyed by parameter names (ids change from process to process).
     *
     * @param idToName parameter id -> stable parameter name
     */
    public void saveState(DataOutputStream out, Map<String, String> idToName) throws IOException {
        out.writeFloat(learningRate);
        Map<String, String> byName = new TreeMap<>();
        idToName.forEach((id, name) -> {
            if (slots.containsKey(id)) {
                byName.put(name, id);
            }
        });
        out.writeInt(byName.size());
        for (Map.Entry<String, String> e : byName.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(updates.getOrDefault(e.getValue(), 0L));
            NDArray[] state = slots.get(e.getValue());
            out.writeInt(state.length);
            for (NDArray array : state) {
                byte[] encoded = array.encode();
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        }
    }

    /**
     * Replaces the state with one read by {@link #saveState}.
     *
     * @param nameToId stable parameter name -> id of this process's parameter
     */
    public void loadState(DataInputStream in, Map<String, String> nameToId, NDManager manager)
            throws IOException {
        learningRate = in.readFloat();
        slots.clear();
        updates.clear();
        int count = in.readInt();
        for (int p = 0; p < count; p++) {
            String name = in.readUTF();
            long steps = in.readLong();
            int arrays = in.readInt();
            NDArray[] state = new NDArray[arrays];
            for (int i = 0; i < arrays; i++) {
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                state[i] = NDArray.decode(manager, encoded);
                state[i].detach();
            }
            String id = nameToId.get(name);
            if (id == null) {
                throw new IOException("checkpoint has optimizer state for parameter '" + name
                        + "', which this model does not have: was the model changed?");
            }
            slots.put(id, state);
            updates.put(id, steps);
        }
    }
}
