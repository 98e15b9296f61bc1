package org.dmlworkbench.data;

import java.util.Arrays;

/**
 * Per-channel mean and standard deviation of pixel/255 over a training split. A model sees
 * (v/255 - mean[c]) / std[c]. Plain float arrays, so Gson writes it into a run record as is.
 *
 * @param mean per-channel mean of v/255
 * @param std per-channel population standard deviation of v/255 (1 where a channel is constant,
 *     so a blank channel is not divided by zero)
 */
public record Normalization(float[] mean, float[] std) {

    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need one value per channel, got "
                    + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Images whose statistics stand for a streamed set: every k-th, so it is fitted in seconds. */
    static final int STREAMED_SAMPLE = 5000;

    /**
     * Statistics of every pixel of every image in {@code train}, per channel; for a set streamed
     * from files with more than {@value #STREAMED_SAMPLE} images, of every k-th image (evenly
     * spaced, at most {@value #STREAMED_SAMPLE}), so the set is not decoded in full to start.
     */
    public static Normalization fit(ImageSet train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("cannot fit normalisation statistics on an empty set");
        }
        int channels = train.channels();
        int plane = train.height() * train.width();
        // Integer sums are exact, so the variance does not suffer from cancellation.
        long[] sum = new long[channels];
        long[] sumSquares = new long[channels];
        byte[] image = new byte[train.imageBytes()];
        int step = train.store().readsFiles() && train.size() > STREAMED_SAMPLE
                ? (train.size() + STREAMED_SAMPLE - 1) / STREAMED_SAMPLE : 1;
        long images = 0;
        for (int i = 0; i < train.size(); i += step) {
            images++;
            train.copyImage(i, image, 0);
            for (int c = 0; c < channels; c++) {
                long s = 0;
                long q = 0;
                for (int p = c * plane, end = p + plane; p < end; p++) {
                    int v = image[p] & 0xFF;
                    s += v;
                    q += v * v;
                }
                sum[c] += s;
                sumSquares[c] += q;
            }
        }
        double count = (double) images * plane;
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / count;
            double variance = Math.max(0, sumSquares[c] / count - m * m);
            mean[c] = (float) (m / 255);
            std[c] = variance > 0 ? (float) (Math.sqrt(variance) / 255) : 1f;
        }
        return new Normalization(mean, std);
    }

    /** Mean 0, std 1: the model sees v/255. */
    public static Normalization identity(int channels) {
        float[] mean = new float[channels];
        float[] std = new float[channels];
        Arrays.fill(std, 1f);
        return new Normalization(mean, std);
    }

    public int channels() {
        return mean.length;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * Writes (v/255 - mean[c]) / std[c] for the channel-major image of {@code channels()} planes
     * of {@code planeSize} pixels at {@code pixels[offset]} into {@code out[outOffset]}.
     */
    public void apply(byte[] pixels, int offset, int planeSize, float[] out, int outOffset) {
        for (int c = 0; c < mean.length; c++) {
            float scale = 1f / (255f * std[c]);
            float shift = mean[c] / std[c];
            int from = offset + c * planeSize;
            int to = outOffset + c * planeSize;
            for (int p = 0; p < planeSize; p++) {
                out[to + p] = (pixels[from + p] & 0xFF) * scale - shift;
            }
        }
    }

    /** The normalised values of one channel-major image. */
    public float[] apply(byte[] image) {
        if (image.length % mean.length != 0) {
            throw new IllegalArgumentException(image.length + " bytes do not split into "
                    + mean.length + " channels");
        }
        float[] out = new float[image.length];
        apply(image, 0, image.length / mean.length, out, 0);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }
}
