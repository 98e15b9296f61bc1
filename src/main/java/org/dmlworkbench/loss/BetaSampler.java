package org.dmlworkbench.loss;

import java.util.Random;

/**
 * Draws from Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (Marsaglia and Tsang's
 * method; for shapes below 1, Gamma(s) = Gamma(s + 1) U^(1/s)). Neither DJL nor Java has one.
 */
public final class BetaSampler {

    private final double a;
    private final double b;
    private final Random random;

    /**
     * One draw seeded from the engine's generator, which the trainer re-seeds every step from
     * (run seed, step): the same run draws the same values, resumed or not.
     */
    public static double drawWithEngine(ai.djl.ndarray.NDManager manager, double a, double b) {
        long seed = manager.randomInteger(0, Integer.MAX_VALUE, new ai.djl.ndarray.types.Shape(1),
                ai.djl.ndarray.types.DataType.INT64).getLong();
        return new BetaSampler(a, b, seed).next();
    }

    public BetaSampler(double a, double b, long seed) {
        if (!(a > 0) || !(b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) {
            throw new IllegalArgumentException("Beta distribution needs finite shapes > 0, got "
                    + a + " and " + b);
        }
        this.a = a;
        this.b = b;
        this.random = new Random(seed);
    }

    public double next() {
        double x = gamma(a);
        double y = gamma(b);
        return x / (x + y);
    }

    private double gamma(double shape) {
        if (shape < 1) {
            return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = Math.pow(1 + c * z, 3);
            if (v <= 0) {
                continue;
            }
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
