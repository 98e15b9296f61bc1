package org.dmlworkbench.ui.map;

import java.util.Arrays;
import javafx.scene.paint.Color;

/**
 * A premultiplied ARGB pixel buffer that points are stamped into: a small anti-aliased disc (or
 * ring) mask blended source-over at each position. Ten thousand stamps and one image upload are
 * far cheaper than ten thousand vector shapes on a Canvas.
 */
final class PointRaster {

    private int width;
    private int height;
    private int[] pixels = new int[0];

    void resize(int newWidth, int newHeight) {
        if (newWidth != width || newHeight != height) {
            width = Math.max(0, newWidth);
            height = Math.max(0, newHeight);
            pixels = new int[width * height];
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int[] pixels() {
        return pixels;
    }

    void clear() {
        Arrays.fill(pixels, 0);
    }

    /** Premultiplied ARGB channel at (x, y): 0 = alpha, 1 red, 2 green, 3 blue. */
    int channel(int x, int y, int channel) {
        return pixels[y * width + x] >>> (24 - 8 * channel) & 0xFF;
    }

    /** Coverage (0..1) of a disc or ring of the given radii over a pixel grid around its centre. */
    static final class Mask {
        final int half;
        final float[] coverage;

        private Mask(int half, float[] coverage) {
            this.half = half;
            this.coverage = coverage;
        }

        /** A disc of {@code radius} pixels ({@code inner} 0), or a ring between inner and radius. */
        static Mask of(double radius, double inner) {
            int half = (int) Math.ceil(radius);
            int side = 2 * half + 1;
            float[] coverage = new float[side * side];
            int samples = 4;
            for (int row = 0; row < side; row++) {
                for (int col = 0; col < side; col++) {
                    int hits = 0;
                    for (int sy = 0; sy < samples; sy++) {
                        for (int sx = 0; sx < samples; sx++) {
                            double dx = col - half + (sx + 0.5) / samples - 0.5;
                            double dy = row - half + (sy + 0.5) / samples - 0.5;
                            double d = Math.sqrt(dx * dx + dy * dy);
                            if (d <= radius && d >= inner) {
                                hits++;
                            }
                        }
                    }
                    coverage[row * side + col] = hits / (float) (samples * samples);
                }
            }
            return new Mask(half, coverage);
        }
    }

    /** Blends {@code colour} (with its opacity) through {@code mask} centred at (x, y). */
    void stamp(float x, float y, Mask mask, Color colour) {
        int cx = Math.round(x - 0.5f);
        int cy = Math.round(y - 0.5f);
        int half = mask.half;
        if (cx + half < 0 || cy + half < 0 || cx - half >= width || cy - half >= height) {
            return;
        }
        float alpha = (float) colour.getOpacity();
        float red = (float) colour.getRed() * 255;
        float green = (float) colour.getGreen() * 255;
        float blue = (float) colour.getBlue() * 255;
        int side = 2 * half + 1;
        for (int row = 0; row < side; row++) {
            int py = cy - half + row;
            if (py < 0 || py >= height) {
                continue;
            }
            for (int col = 0; col < side; col++) {
                int px = cx - half + col;
                float cover = mask.coverage[row * side + col];
                if (px < 0 || px >= width || cover == 0) {
                    continue;
                }
                float a = alpha * cover;
                int at = py * width + px;
                int dst = pixels[at];
                float keep = 1 - a;
                int outA = Math.round(a * 255 + (dst >>> 24) * keep);
                int outR = Math.round(red * a + (dst >>> 16 & 0xFF) * keep);
                int outG = Math.round(green * a + (dst >>> 8 & 0xFF) * keep);
                int outB = Math.round(blue * a + (dst & 0xFF) * keep);
                pixels[at] = outA << 24 | outR << 16 | outG << 8 | outB;
            }
        }
    }
}
