package org.dmlworkbench.ui.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.model.ModelSummary;

/**
 * One row of the layer table in words: the engine's block names ("05LambdaBlock",
 * "Conv2d(1, 1, 28, 28) -> (1, 16, 28, 28)") become "5" and "Conv2d 1 → 16".
 *
 * @param layer position in the backbone ("1", "2", ...) or the head's name ("embedding", "classifier")
 * @param type what the layer does, e.g. "Conv2d 1 → 16", "GELU", "Max pool", "Residual block"
 * @param outputShape output without the batch axis, e.g. "16 × 28 × 28"
 * @param detail the engine's own description of the block, for a tooltip
 */
public record LayerRow(String layer, String type, String outputShape, long parameters, String detail) {

    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)(.*)$");
    private static final Pattern SHAPES = Pattern.compile("\\(([\\d, ]+)\\)\\s*->\\s*\\(([\\d, ]+)\\)");

    public static List<LayerRow> of(List<ModelSummary.Layer> layers, ModelSpec spec) {
        List<LayerRow> rows = new ArrayList<>(layers.size());
        int position = 0;
        for (ModelSummary.Layer layer : layers) {
            Matcher numbered = NUMBERED.matcher(layer.name());
            String base = numbered.matches() ? numbered.group(2) : layer.name();
            boolean head = base.equals("embedding") || base.equals("classifier");
            String name = head ? base : Integer.toString(++position);
            rows.add(new LayerRow(name, type(layer.type(), spec), ModelSize.shape(layer.outputShape()),
                    layer.parameters(), layer.type()));
        }
        return rows;
    }

    static String type(String described, ModelSpec spec) {
        String kind = described.contains("(") ? described.substring(0, described.indexOf('(')) : described;
        switch (kind) {
            case "Involution":
                Matcher kernel = Pattern.compile("K=(\\d+)").matcher(described);
                return kernel.find() ? "Involution " + kernel.group(1) + "×" + kernel.group(1) : "Involution";
            case "Conv2d":
                return "Conv2d" + channels(described, 1);
            case "Linear":
                return "Linear" + channels(described, 1);
            case "BatchNorm":
                return "Batch norm";
            case "Activation":
                return spec.activation().equals("gelu") ? "GELU" : "ReLU";
            case "maxPool2d":
                return "Max pool";
            case "globalAvgPool2d":
                return "Global average pool";
            case "SequentialBlock":
                return spec.isResNet() ? "Residual block" : "Block";
            default:
                return described;
        }
    }

    /** " in → out" from the channel axis of "(..) -> (..)", or "" when the text has no shapes. */
    private static String channels(String described, int axis) {
        Matcher shapes = SHAPES.matcher(described);
        if (!shapes.find()) {
            return "";
        }
        String[] in = shapes.group(1).split(",\\s*");
        String[] out = shapes.group(2).split(",\\s*");
        if (in.length <= axis || out.length <= axis) {
            return "";
        }
        return " " + in[axis].strip() + " → " + out[axis].strip();
    }
}
