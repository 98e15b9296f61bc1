package org.dmlworkbench.ui.training;

/** Axis bounds rounded to a readable tick (1, 2, 2.5 or 5 times a power of ten). */
public final class NiceRange {

    private NiceRange() {}

    /**
     * About five ticks covering [min, max].
     *
     * @return {lower, upper, tick}; {0, 1, 0.2} when there are no values
     */
    public static double[] of(double min, double max) {
        if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            return new double[] {0, 1, 0.2};
        }
        double span = max - min;
        if (span == 0) {
            span = Math.max(Math.abs(max) * 0.1, 1e-3);
        }
        double tick = niceStep(span / 5);
        double lower = Math.floor(min / tick) * tick;
        double upper = Math.ceil(max / tick) * tick;
        if (upper <= lower) {
            upper = lower + tick;
        }
        return new double[] {lower, upper, tick};
    }

    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
