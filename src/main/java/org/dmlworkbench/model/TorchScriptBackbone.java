package org.dmlworkbench.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.ParameterList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A backbone imported from a TorchScript file through DJL's PyTorch engine: images (B, C, H, W)
 * in, either a feature map (B, C', H', W') or vectors (B, D) out. Fine-tuned
 * ({@code trainParam=true}) or frozen ({@code trainParam=false}: no gradients, and every forward
 * runs the module in inference mode, so its batch norms use their running statistics).
 *
 * <p>Saved with the whole module (code, parameters and buffers such as batch-norm running
 * statistics: DJL exposes no buffers one by one), so a checkpoint restores a fine-tuned module
 * exactly. Loading replaces the module; DJL's own {@code PtSymbolBlock.loadParameters} keeps
 * serving the replaced module's parameters to a trainer, so it is not used.
 *
 * <p>Whether a module's batch norms follow the training/inference switch depends on how it was
 * exported: a scripted module ({@code torch.jit.script}) switches, a traced one
 * ({@code torch.jit.trace}) keeps the mode it was traced in.
 */
public final class TorchScriptBackbone extends AbstractBlock implements AutoCloseable {

    private static final byte VERSION = 1;

    private final Path source;
    private final boolean trainable;
    private final ZooModel<NDList, NDList> model;
    private PtSymbolBlock module;
    /** The mode the module was last switched to; null right after (re)loading. */
    private Boolean moduleTraining;
    /** Output shape without the batch dimension, by input shape without it. */
    private final Map<Shape, Shape> outputShapes = new HashMap<>();

    private TorchScriptBackbone(Path source, boolean trainable, ZooModel<NDList, NDList> model) {
        super(VERSION);
        this.source = source;
        this.trainable = trainable;
        this.model = model;
        this.module = (PtSymbolBlock) model.getBlock();
        module.freezeParameters(!trainable);
    }

    /**
     * Loads a TorchScript file.
     *
     * @param trainable fine-tune its parameters (false: frozen, inference mode)
     * @throws IllegalArgumentException naming the file when it is missing or not TorchScript
     */
    public static TorchScriptBackbone load(Path file, boolean trainable, Device device) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the backbone file " + file + " does not exist");
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file.toAbsolutePath())
                .optEngine("PyTorch")
                .optDevice(device)
                .optTranslator(new NoopTranslator())
                .optOption("trainParam", Boolean.toString(trainable))
                .build();
        try {
            return new TorchScriptBackbone(file, trainable, criteria.loadModel());
        } catch (EngineException | MalformedModelException | ModelNotFoundException
                | ClassCastException e) {
            throw new IllegalArgumentException(file + " is not a TorchScript file PyTorch can load ("
                    + firstLine(e.getMessage()) + "); export the backbone with torch.jit.script or"
                    + " torch.jit.trace and save it with .save()", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the backbone file " + file + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    public Path source() {
        return source;
    }

    public boolean trainable() {
        return trainable;
    }

    /**
     * Runs one image of the given size through the module (inference mode) and returns the
     * output's shape for a batch of one: (1, D) vectors or a (1, C, H, W) feature map.
     *
     * @throws IllegalArgumentException in one sentence naming the file, when the module cannot
     *     take such images or returns something else than vectors or a feature map
     */
    public Shape probe(int channels, int height, int width) {
        Shape perImage = new Shape(channels, height, width);
        Shape known = outputShapes.get(perImage);
        if (known != null) {
            return new Shape(1).addAll(known);
        }
        NDList output;
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray zeros = scope.zeros(new Shape(1, channels, height, width));
            try {
                output = forwardModule(new ParameterStore(scope, false), new NDList(zeros), false);
            } catch (EngineException | IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " cannot take " + channels + "-channel "
                        + height + "x" + width + " images (" + pythonError(e.getMessage()) + ")", e);
            }
            Shape shape = output.size() == 1 ? output.head().getShape() : null;
            if (shape == null || (shape.dimension() != 2 && shape.dimension() != 4)) {
                throw new IllegalArgumentException(source + " returns " + describe(output) + " for a"
                        + " (1, " + channels + ", " + height + ", " + width + ") input: neither vectors"
                        + " (batch, features) nor a feature map (batch, channels, height, width)");
            }
            outputShapes.put(perImage, shape.slice(1));
            return shape;
        }
    }

    private static String describe(NDList output) {
        if (output.size() != 1) {
            return output.size() + " tensors";
        }
        return "a " + output.head().getShape().dimension() + "-d tensor of shape "
                + output.head().getShape();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return forwardModule(store, inputs, training && trainable);
    }

    private NDList forwardModule(ParameterStore store, NDList inputs, boolean training) {
        if (moduleTraining == null || moduleTraining != training) {
            // Set explicitly: a module keeps the mode it was saved in, whatever DJL assumes.
            if (training) {
                JniUtils.enableTrainingMode(module);
            } else {
                JniUtils.enableInferenceMode(module);
            }
            moduleTraining = training;
        }
        return module.forward(store, inputs, training);
    }

    @Override
    public ParameterList getDirectParameters() {
        return module.getDirectParameters();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        Shape one = probe((int) in.get(1), (int) in.get(2), (int) in.get(3));
        return new Shape[] {new Shape(in.get(0)).addAll(one.slice(1))};
    }

    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        os.writeByte(VERSION);
        JniUtils.writeModule(module, os, true);
    }

    /** Replaces the module with the one saved by {@link #saveParameters}. */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is)
            throws IOException, MalformedModelException {
        byte version = is.readByte();
        if (version != VERSION) {
            throw new MalformedModelException("unsupported TorchScript backbone encoding " + version);
        }
        // Read here, in full: the native reader assumes every read(...) fills its buffer, which a
        // checksumming or buffered stream need not do.
        long size = is.readLong();
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw new MalformedModelException("the saved TorchScript backbone has an impossible size "
                    + size);
        }
        byte[] bytes = new byte[(int) size];
        is.readFully(bytes);
        PtSymbolBlock loaded;
        try {
            loaded = JniUtils.loadModule((PtNDManager) model.getNDManager(),
                    new ByteArrayInputStream(bytes), true, false);
        } catch (EngineException e) {
            throw new MalformedModelException("the saved TorchScript backbone cannot be read ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        PtSymbolBlock replaced = module;
        module = loaded;
        moduleTraining = null;
        module.freezeParameters(!trainable);
        replaced.close();
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "TorchScript(" + source.getFileName() + (trainable ? "" : ", frozen") + ")";
    }

    /**
     * The error line of a TorchScript interpreter failure ("RuntimeError: mat1 and mat2 shapes
     * cannot be multiplied ..." without its type), which ends a traceback of the module's code;
     * the first line when there is none.
     */
    static String pythonError(String message) {
        String error = null;
        for (String line : String.valueOf(message).lines().toList()) {
            if (line.matches("^[A-Za-z.]*(Error|Exception): .*")) {
                error = line.substring(line.indexOf(": ") + 2);
            }
        }
        return error != null ? firstLine(error) : firstLine(message);
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no detail given";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
