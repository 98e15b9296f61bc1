package org.dmlworkbench.neighbours;

/**
 * Squared L2 distances between float rows: in float to rank candidates (fast), and in double to
 * report the chosen ones (so a reported distance does not depend on how the row was ranked).
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
}
