package org.dmlworkbench.ui.architecture;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.loss.LossSpec;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSummary;
import org.dmlworkbench.training.RunNetwork;
import org.dmlworkbench.training.TrainingConfig;

/**
 * Size and layers of the network a config builds for a data set, as training would build it
 * (with a classifier head when the loss needs one).
 *
 * @param classifierClasses size of the classifier head, 0 when the loss needs none
 * @param input the input shape, batch of one
 * @param multiplyAdds multiply-adds of one forward pass at that shape, or -1 when not counted
 *     (an imported module is opaque)
 */
public record ModelReport(long parameters, long savedBytes, List<LayerRow> layers,
        int classifierClasses, Shape input, long multiplyAdds) {

    public ModelReport {
        layers = List.copyOf(layers);
    }

    /** Builds and initialises the network (engine work: call it off the JavaFX thread). */
    public static ModelReport of(TrainingConfig config, Dataset dataset) {
        ImageSet train = dataset.train();
        // Students of a teacher or a master train without a classifier, as RunSetup builds them.
        boolean classifier = config.method().equals("metric")
                && LossSpec.parse(config.loss(), config.lossParams()).build().needsClassifier();
        int classes = classifier ? train.numClasses() : 0;
        // The chosen image size, before the data is read again at it: the cards follow the field.
        int height = config.imageSize() > 0 ? config.imageSize() : train.height();
        int width = config.imageSize() > 0 ? config.imageSize() : train.width();
        Shape input = new Shape(1, train.channels(), height, width);
        // as training builds it: a ResNet's stem for this input size, an imported backbone's file
        java.nio.file.Path imported = config.backbone().torchScript() == null ? null
                : java.nio.file.Path.of(config.backbone().torchScript());
        try (RunNetwork network = RunNetwork.build(config, train.channels(), height,
                width, classes, null, imported, ai.djl.Device.cpu(), true);
                NDManager manager = NDManager.newBaseManager()) {
            EmbeddingNet net = network.net();
            net.initialize(manager, DataType.FLOAT32, input);
            return new ModelReport(ModelSummary.trainableParameters(net), ModelSummary.savedSizeBytes(net),
                    LayerRow.of(ModelSummary.layers(net, input), config.model()), classes, input,
                    org.dmlworkbench.model.MultiplyAdds.ofNetwork(net, input).orElse(-1));
        }
    }
}
