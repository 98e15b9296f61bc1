package org.dmlworkbench.training.optim;

import java.util.Locale;

/**
 * Which optimizer and its settings, as recorded in a run's config.
 *
 * @param clipGradient clip each gradient value to [-c, c]; 0 or less disables clipping
 */
public record OptimizerSpec(String name, double learningRate, double weightDecay, double momentum,
        double clipGradient) {

    public OptimizerSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (!name.equals("adam") && !name.equals("adamw") && !name.equals("sgd")) {
            throw new IllegalArgumentException("unknown optimizer '" + name
                    + "'; choose adam, adamw or sgd");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got "
                    + learningRate);
        }
        if (weightDecay < 0 || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("weight decay must be >= 0 and momentum in [0, 1)");
        }
    }

    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec("adam", learningRate, 0, 0, 0);
    }

    public CheckpointableOptimizer build() {
        float clip = clipGradient > 0 ? (float) clipGradient : -1f;
        switch (name) {
            case "sgd":
                return new SgdOptimizer((float) learningRate, (float) momentum, (float) weightDecay, clip);
            case "adamw":
                return new AdamOptimizer((float) learningRate, (float) weightDecay, clip, true);
            default:
                return new AdamOptimizer((float) learningRate, (float) weightDecay, clip, false);
        }
    }
}
