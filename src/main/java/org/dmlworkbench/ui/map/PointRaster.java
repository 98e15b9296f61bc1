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

    /**
     * A colour seen through a mask, ready to blend: for each covered cell its offset from the
     * centre, what it adds to each premultiplied channel and the share of the destination it
     * keeps, in 16.16 fixed point. Integer blending rounds as float blending with (int) (v + 0.5)
     * does, and is several times faster: 100,000 stamps a frame make this the map's hot loop.
     */
    static final class Sprite {
        final int half;
        final int[] dx;
        final int[] dy;
        final int[] add;
        final int[] keep;

        private Sprite(int half, int[] dx, int[] dy, int[] add, int[] keep) {
            this.half = half;
            this.dx = dx;
            this.dy = dy;
            this.add = add;
            this.keep = keep;
        }

        /** add holds four ints per cell: alpha, red, green, blue. */
        static Sprite of(Mask mask, Color colour) {
            int side = 2 * mask.half + 1;
            int cells = 0;
            for (float cover : mask.coverage) {
                cells += cover > 0 ? 1 : 0;
            }
            int[] dx = new int[cells];
            int[] dy = new int[cells];
            int[] add = new int[4 * cells];
            int[] keep = new int[cells];
            double[] channel = {255, colour.getRed() * 255, colour.getGreen() * 255,
                    colour.getBlue() * 255};
            int c = 0;
            for (int k = 0; k < mask.coverage.length; k++) {
                float cover = mask.coverage[k];
                if (cover == 0) {
                    continue;
                }
                float a = (float) colour.getOpacity() * cover;
                dx[c] = k % side - mask.half;
                dy[c] = k / side - mask.half;
                for (int ch = 0; ch < 4; ch++) {
                    add[4 * c + ch] = (int) Math.round(channel[ch] * a * 65536) + 0x8000;
                }
                keep[c] = (int) Math.round((1 - a) * 65536.0);
                c++;
            }
            return new Sprite(mask.half, dx, dy, add, keep);
        }
    }

    /** Blends {@code colour} (with its opacity) through {@code mask} centred at (x, y). */
    void stamp(float x, float y, Mask mask, Color colour) {
        stamp(x, y, Sprite.of(mask, colour));
    }

    /** Blends a prepared sprite centred at (x, y); parts outside the buffer are clipped. */
    void stamp(float x, float y, Sprite sprite) {
        int cx = Math.round(x - 0.5f);
        int cy = Math.round(y - 0.5f);
        int half = sprite.half;
        if (cx + half < 0 || cy + half < 0 || cx - half >= width || cy - half >= height) {
            return;
        }
        boolean inside = cx - half >= 0 && cy - half >= 0 && cx + half < width && cy + half < height;
        int centre = cy * width + cx;
        int[] add = sprite.add;
        for (int c = 0; c < sprite.keep.length; c++) {
            if (!inside) {
                int px = cx + sprite.dx[c];
                int py = cy + sprite.dy[c];
                if (px < 0 || py < 0 || px >= width || py >= height) {
                    continue;
                }
            }
            int at = centre + sprite.dy[c] * width + sprite.dx[c];
            int dst = pixels[at];
            int keep = sprite.keep[c];
            int a = (add[4 * c] + (dst >>> 24) * keep) >>> 16;
            int r = (add[4 * c + 1] + (dst >>> 16 & 0xFF) * keep) >>> 16;
            int g = (add[4 * c + 2] + (dst >>> 8 & 0xFF) * keep) >>> 16;
            int b = (add[4 * c + 3] + (dst & 0xFF) * keep) >>> 16;
            pixels[at] = a << 24 | r << 16 | g << 8 | b;
        }
    }
}
