package org.dmlworkbench.training.optim;

import org.dmlworkbench.config.OptimizerSpec;

/** Builds the optimizer a run's {@link OptimizerSpec} names. */
public final class Optimizers {

    private Optimizers() {}

    public static CheckpointableOptimizer of(OptimizerSpec spec) {
        float clip = spec.clipGradient() > 0 ? (float) spec.clipGradient() : -1f;
        float rate = (float) spec.learningRate();
        float decay = (float) spec.weightDecay();
        switch (spec.name()) {
            case "sgd":
                return new SgdOptimizer(rate, (float) spec.momentum(), decay, clip);
            case "adamw":
                return new AdamOptimizer(rate, decay, clip, true);
            default:
                return new AdamOptimizer(rate, decay, clip, false);
        }
    }
}
