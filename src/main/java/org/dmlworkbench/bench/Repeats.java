package org.dmlworkbench.bench;

/** Runs a measurement a few times unrecorded (JIT, allocator, libtorch caches), then for real. */
public final class Repeats {

    /** One measurement; returns its figure (a rate or a time). */
    @FunctionalInterface
    public interface Measurement {
        double measure() throws Exception;
    }

    private Repeats() {}

    /**
     * @param warmups runs whose figures are thrown away
     * @param repeats recorded runs, at least 1
     */
    public static double[] run(int warmups, int repeats, Measurement measurement) throws Exception {
        if (warmups < 0 || repeats < 1) {
            throw new IllegalArgumentException("need warm-ups >= 0 and repeats >= 1, got "
                    + warmups + " and " + repeats);
        }
        for (int i = 0; i < warmups; i++) {
            measurement.measure();
        }
        double[] figures = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            figures[i] = measurement.measure();
        }
        return figures;
    }

    /** Seconds taken by {@code work}. */
    public static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
