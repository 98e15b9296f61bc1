package org.dmlworkbench.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.loss.LossFactory;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.model.ModelSummary;
import org.dmlworkbench.training.launch.ModelOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Print a model's parameter count, saved size, multiply-adds and layer table"
                + " as JSON.",
            "params counts trainable parameters; sizeBytes is the size of the saved parameter file"
                + " (batch-norm running statistics included); macs counts multiply-adds per image"
                + " of convolutions, linear layers, involutions and attention (docs/MODELS.md)."})
final class InfoCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--data", paramLabel = "D", defaultValue = "sample",
            description = "Data set that fixes the input size and classes (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--image-size", paramLabel = "PX",
            description = "Square input size in px (default: the data's size).")
    Integer imageSize;

    @Option(names = "--channels", paramLabel = "C",
            description = "Input channels, 1 (grey) or 3 (colour) (default: the data's).")
    Integer channels;

    @Option(names = "--loss", paramLabel = "L", defaultValue = "ms+ce",
            description = "Loss; a cross-entropy term adds the classifier head (default: ${DEFAULT-VALUE}).")
    String loss;

    @Override
    public Integer call() throws IOException {
        ModelSpec spec = modelOptions.toSpec();
        Dataset dataset = dataOptions.load(data, new ConsoleProgressBar(System.err));
        var train = dataset.train();
        boolean classifier = LossFactory.parse(loss, Map.of()).needsClassifier();
        if (imageSize != null && (imageSize < 1 || imageSize > 4096)) {
            throw new IllegalArgumentException("--image-size must be 1-4096 px, got " + imageSize);
        }
        if (channels != null && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("--channels must be 1 or 3, got " + channels);
        }
        int c = channels != null ? channels : train.channels();
        int height = imageSize != null ? imageSize : train.height();
        int width = imageSize != null ? imageSize : train.width();
        spec = spec.forImageSize(Math.min(height, width));
        EmbeddingNet net = new EmbeddingNet(spec, c, Math.min(height, width),
                classifier ? dataset.trainClassCount() : 0);
        Shape input = new Shape(1, c, height, width);
        Map<String, Object> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, input);
            long params = ModelSummary.trainableParameters(net);
            long bytes = ModelSummary.savedSizeBytes(net);
            out.put("model", spec.family());
            out.put("params", params);
            out.put("sizeBytes", bytes);
            out.put("sizeMB", bytes / 1_000_000.0);
            out.put("underOneMB", bytes < 1_000_000);
            long macs = net.multiplyAdds(input);
            out.put("macs", macs);
            out.put("gmacs", Math.round(macs / 1e6) / 1000.0);
            if (spec.isResNet()) {
                out.put("stem", spec.stem());
            }
            out.put("input", List.of(c, height, width));
            out.put("classes", train.numClasses());
            out.put("classifier", classifier);
            out.put("spec", spec);
            List<Map<String, Object>> layers = new ArrayList<>();
            for (ModelSummary.Layer layer : ModelSummary.layers(net, input)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("layer", layer.name());
                row.put("type", layer.type());
                row.put("output", layer.outputShape().toString());
                row.put("params", layer.parameters());
                layers.add(row);
            }
            out.put("layers", layers);
        }
        System.out.println(Json.toJson(out));
        return 0;
    }
}
