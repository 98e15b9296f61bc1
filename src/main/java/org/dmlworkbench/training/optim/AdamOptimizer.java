package org.dmlworkbench.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** Adam (Kingma and Ba) or, with {@code decoupled}, AdamW, via the engine's fused update. */
public final class AdamOptimizer extends CheckpointableOptimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final boolean decoupled;

    public AdamOptimizer(float learningRate, float weightDecay, float clipGradient, boolean decoupled) {
        super(new Builder().optWeightDecays(weightDecay).optClipGrad(clipGradient), learningRate);
        this.beta1 = 0.9f;
        this.beta2 = 0.999f;
        this.epsilon = 1e-8f;
        this.decoupled = decoupled;
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        long t = nextStep(parameterId);
        double biasCorrection1 = 1.0 - Math.pow(beta1, t);
        double biasCorrection2 = 1.0 - Math.pow(beta2, t);
        float lr = learningRate();
        float correctedLr = (float) (lr * Math.sqrt(biasCorrection2) / biasCorrection1);
        NDArray[] moments = slots(parameterId, weight);
        weight.getNDArrayInternal().adamUpdate(
                new NDList(weight, grad, moments[0], moments[1]),
                new NDList(weight),
                lr,
                correctedLr,
                getWeightDecay(),
                rescaleGrad,
                clipGrad,
                beta1,
                beta2,
                epsilon,
                true,
                decoupled);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
