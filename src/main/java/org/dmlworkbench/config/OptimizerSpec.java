package org.dmlworkbench.config;

import java.util.Locale;

/**
 * Which optimizer and its settings, as recorded in a run's config.
 *
 * @param clipGradient clip each gradient value to [-c, c]; 0 or less disables clipping
 * @param schedule "constant", or "cosine": the rate decays from {@code learningRate} to 0 over the
 *     run along a half cosine, after the warm-up
 * @param warmupFraction the first fraction of all steps ramps the rate linearly up from 0, so
 *     Adam's first, full-size steps do not hit an untrained involution kernel generator
 */
public record OptimizerSpec(String name, double learningRate, double weightDecay, double momentum,
        double clipGradient, String schedule, double warmupFraction) {

    public static final double DEFAULT_WARMUP_FRACTION = 0.05;

    public OptimizerSpec {
        name = name.toLowerCase(Locale.ROOT);
        // Configs written before schedules existed trained at a constant rate.
        schedule = schedule == null ? "constant" : schedule.toLowerCase(Locale.ROOT);
        if (!schedule.equals("constant") && !schedule.equals("cosine")) {
            throw new IllegalArgumentException("unknown learning-rate schedule '" + schedule
                    + "'; choose cosine or constant");
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("warm-up fraction must be in [0, 1), got " + warmupFraction);
        }
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

    /** Constant rate, no warm-up. */
    public OptimizerSpec(String name, double learningRate, double weightDecay, double momentum,
            double clipGradient) {
        this(name, learningRate, weightDecay, momentum, clipGradient, "constant", 0);
    }

    /**
     * Gradient values are clipped to [-1, 1] by default: one step with a huge gradient otherwise
     * fills Adam's second moment for thousands of steps, and the run stops learning (seen as
     * runs whose P@1 froze after the first epoch). Ordinary gradient values are far below 1.
     */
    public static final double DEFAULT_CLIP_GRADIENT = 1.0;

    /** Adam with warm-up, cosine decay and gradient clipping, the default for new runs. */
    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec("adam", learningRate, 0, 0, DEFAULT_CLIP_GRADIENT, "cosine",
                DEFAULT_WARMUP_FRACTION);
    }

    public OptimizerSpec withSchedule(String newSchedule, double newWarmupFraction) {
        return new OptimizerSpec(name, learningRate, weightDecay, momentum, clipGradient, newSchedule,
                newWarmupFraction);
    }

    public OptimizerSpec withLearningRate(double rate) {
        return new OptimizerSpec(name, rate, weightDecay, momentum, clipGradient, schedule, warmupFraction);
    }

    /**
     * The rate for the update after {@code completedSteps} of {@code totalSteps}: a pure function
     * of the step, so a resumed run follows the same schedule.
     */
    public double learningRateAt(long completedSteps, long totalSteps) {
        long warmup = (long) Math.ceil(warmupFraction * totalSteps);
        if (completedSteps < warmup) {
            return learningRate * (completedSteps + 1) / warmup;
        }
        if (schedule.equals("constant") || totalSteps <= warmup) {
            return learningRate;
        }
        double progress = Math.min(1.0, (double) (completedSteps - warmup) / (totalSteps - warmup));
        return learningRate * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
