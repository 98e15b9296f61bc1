package org.dmlworkbench.neighbours;

/**
 * Squared L2 distances, the one place they are defined: between float rows in float to rank
 * candidates (fast) and in double to report the chosen ones (so a reported distance does not
 * depend on how the row was ranked), and between rows of a double matrix (the maps).
 */
public final class SquaredDistance {

    private SquaredDistance() {}

    /**
     * For ranking: four running sums let the CPU overlap the additions; float is ample for
     * ordering, and the differences are taken exactly (no |a|^2 - 2ab + |b|^2 cancellation).
     */
    static float ranking(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < length; j += 4) {
            float d0 = a[aOffset + j] - b[bOffset + j];
            float d1 = a[aOffset + j + 1] - b[bOffset + j + 1];
            float d2 = a[aOffset + j + 2] - b[bOffset + j + 2];
            float d3 = a[aOffset + j + 3] - b[bOffset + j + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < length; j++) {
            float d = a[aOffset + j] - b[bOffset + j];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The distance reported to the user, summed in double in dimension order. */
    public static double exact(float[] a, int aOffset, float[] b, int bOffset, int length) {
        double sum = 0;
        for (int j = 0; j < length; j++) {
            double d = (double) a[aOffset + j] - b[bOffset + j];
            sum += d * d;
        }
        return sum;
    }

    /**
     * The exact squared distance between rows of one double matrix at offsets {@code a} and
     * {@code b}: what the maps' affinities, exact t-SNE and the quality scores read. Four partial
     * sums break the dependency chain of one long sum (about twice as fast); the float
     * {@link #ranking} is the same sum over floats (Java has no code shared over primitive types).
     */
    public static double exact(double[] data, int a, int b, int dim) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int d = 0;
        for (; d + 3 < dim; d += 4) {
            double t0 = data[a + d] - data[b + d];
            double t1 = data[a + d + 1] - data[b + d + 1];
            double t2 = data[a + d + 2] - data[b + d + 2];
            double t3 = data[a + d + 3] - data[b + d + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; d < dim; d++) {
            double t = data[a + d] - data[b + d];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
