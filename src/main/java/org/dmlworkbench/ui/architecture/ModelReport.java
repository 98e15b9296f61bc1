package org.dmlworkbench.ui.architecture;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSummary;
import org.dmlworkbench.model.MultiplyAdds;
import org.dmlworkbench.training.RunSetup;
import org.dmlworkbench.config.TrainingConfig;

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

    /**
     * Builds and initialises the network (engine work: call it off the JavaFX thread) through
     * RunSetup, the same code that describes a run's model in its manifest.
     */
    public static ModelReport of(TrainingConfig config, Dataset dataset) {
        ImageSet train = dataset.train();
        int classes = RunSetup.classifierClasses(config, dataset);
        // The chosen image size, before the data is read again at it: the cards follow the field.
        int height = config.imageSize() > 0 ? config.imageSize() : train.height();
        int width = config.imageSize() > 0 ? config.imageSize() : train.width();
        Shape input = new Shape(1, train.channels(), height, width);
        return RunSetup.withBuiltNetwork(config, input, classes, network -> {
            EmbeddingNet net = network.net();
            return new ModelReport(ModelSummary.trainableParameters(net),
                    ModelSummary.savedSizeBytes(net),
                    LayerRow.of(ModelSummary.layers(net, input), config.model()), classes, input,
                    MultiplyAdds.ofNetwork(net, input).orElse(-1));
        });
    }
}
