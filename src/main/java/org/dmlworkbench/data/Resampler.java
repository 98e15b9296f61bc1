package org.dmlworkbench.data;

/** Area/bilinear weights along one axis, from a source region to n output samples. */
final class Resampler {
    private final int[][] index;
    private final float[][] weight;

    Resampler(int sourceLength, double start, double length, int n) {
        index = new int[n][];
        weight = new float[n][];
        double step = length / n;
        for (int i = 0; i < n; i++) {
            if (step >= 1) {
                double from = start + i * step;
                double to = from + step;
                int first = (int) Math.floor(from);
                int last = Math.min(sourceLength - 1, (int) Math.ceil(to) - 1);
                index[i] = new int[last - first + 1];
                weight[i] = new float[last - first + 1];
                for (int j = first; j <= last; j++) {
                    double overlap = Math.min(to, j + 1) - Math.max(from, j);
                    index[i][j - first] = j;
                    weight[i][j - first] = (float) (overlap / step);
                }
            } else {
                double centre = start + (i + 0.5) * step - 0.5;
                int left = (int) Math.floor(centre);
                double t = centre - left;
                index[i] = new int[] {clamp(left, sourceLength), clamp(left + 1, sourceLength)};
                weight[i] = new float[] {(float) (1 - t), (float) t};
            }
        }
    }

    private static int clamp(int i, int length) {
        return Math.max(0, Math.min(length - 1, i));
    }

    /** Resamples every row (length sourceLength) of a row-major plane with {@code rows} rows. */
    float[] applyToRows(float[] plane, int rows) {
        int sourceWidth = plane.length / rows;
        int n = index.length;
        float[] out = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                float sum = 0;
                for (int k = 0; k < index[i].length; k++) {
                    sum += weight[i][k] * plane[r * sourceWidth + index[i][k]];
                }
                out[r * n + i] = sum;
            }
        }
        return out;
    }

    /** Resamples every column of a row-major plane of the given width. */
    float[] applyToColumns(float[] plane, int width) {
        int n = index.length;
        float[] out = new float[n * width];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < index[i].length; k++) {
                float w = weight[i][k];
                int row = index[i][k] * width;
                for (int x = 0; x < width; x++) {
                    out[i * width + x] += w * plane[row + x];
                }
            }
        }
        return out;
    }
}
