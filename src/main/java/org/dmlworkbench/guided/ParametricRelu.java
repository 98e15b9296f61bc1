package org.dmlworkbench.guided;

import static org.dmlworkbench.tensor.Scalars.max;
import static org.dmlworkbench.tensor.Scalars.min;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * PReLU with one learned slope for negative inputs, max(x, 0) + a * min(x, 0), a starting at
 * 0.25 as in PyTorch. DJL's own Prelu block is not implemented by its PyTorch engine.
 */
public final class ParametricRelu extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter slope;

    public ParametricRelu() {
        super(VERSION);
        slope = addParameter(Parameter.builder()
                .setName("slope")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer(0.25f))
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = store.getValue(slope, x.getDevice(), training);
        return new NDList(max(x, 0).add(min(x, 0).mul(a)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
