package org.dmlworkbench.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** Stochastic gradient descent, with optional momentum, weight decay and value clipping. */
public final class SgdOptimizer extends CheckpointableOptimizer {

    private final float momentum;

    public SgdOptimizer(float learningRate, float momentum, float weightDecay, float clipGradient) {
        super(new Builder().optWeightDecays(weightDecay).optClipGrad(clipGradient), learningRate);
        this.momentum = momentum;
    }

    @Override
    protected int slotCount() {
        return momentum == 0f ? 0 : 1;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        nextStep(parameterId);
        NDList inputs = momentum == 0f
                ? new NDList(weight, grad)
                : new NDList(weight, grad, slots(parameterId, weight)[0]);
        weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(weight), learningRate(),
                getWeightDecay(), rescaleGrad, clipGrad, momentum, true);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
