package org.dmlworkbench.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Parameter count, saved size and a layer table of an initialised network. */
public final class ModelSummary {

    /** One row of the layer table. */
    public record Layer(String name, String type, Shape outputShape, long parameters) {}

    private ModelSummary() {}

    /** Trainable parameters (batch-norm running statistics are state, not parameters). */
    public static long trainableParameters(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                total += p.getValue().getArray().size();
            }
        }
        return total;
    }

    /** Bytes of the parameter file the workbench writes for this block (running stats included). */
    public static long savedSizeBytes(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    /** The layers at the top level of the backbone, then the heads, with output shapes. */
    public static List<Layer> layers(EmbeddingNet net, Shape inputShape) {
        List<Layer> rows = new ArrayList<>();
        Shape shape = inputShape;
        Block backbone = net.backbone();
        for (Pair<String, Block> child : backbone.getChildren()) {
            shape = child.getValue().getOutputShapes(new Shape[] {shape})[0];
            rows.add(new Layer(child.getKey(), describe(child.getValue()), shape,
                    trainableParameters(child.getValue())));
        }
        Shape[] heads = net.getOutputShapes(new Shape[] {inputShape});
        for (Pair<String, Block> head : net.getChildren()) {
            if (head.getValue() == backbone) {
                continue;
            }
            Shape out = head.getKey().endsWith("classifier") ? heads[heads.length - 1] : heads[0];
            rows.add(new Layer(head.getKey(), describe(head.getValue()), out,
                    trainableParameters(head.getValue())));
        }
        return rows;
    }

    private static String describe(Block block) {
        String text = block.toString();
        int brace = text.indexOf('{');
        String simple = brace > 0 ? text.substring(0, brace) : text;
        if (simple.startsWith("Lambda") || simple.startsWith("anonymous")) {
            return "Activation";
        }
        return simple.length() > 60 ? block.getClass().getSimpleName() : simple.trim();
    }
}
