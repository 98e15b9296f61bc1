package org.dmlworkbench.training;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small networks and gradient snapshots shared by the batch-step tests. */
final class StepFixtures {

    private StepFixtures() {
    }

    /**
     * 3x3 convolution, ReLU, global average pooling, a linear embedding, L2 normalisation: no
     * batch statistics, so an image embedded alone gets what it gets inside a batch.
     */
    static SequentialBlock smallConvNet(int filters, int embeddingDim) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters).build())
                .add(Activation::relu)
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(embeddingDim).build())
                .add(x -> new NDList(x.head().normalize(2, 1)));
    }

    /** Copies every parameter's gradient and zeroes it, so the next pass starts from zero. */
    static Map<String, float[]> takeGradients(Model model) {
        Map<String, float[]> copies = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            if (!parameter.getValue().requiresGradient()) {
                continue;
            }
            NDArray gradient = parameter.getValue().getArray().getGradient();
            copies.put(parameter.getKey(), gradient.toFloatArray());
            gradient.subi(gradient);
        }
        return copies;
    }
}
