package org.dmlworkbench.data;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training-time augmentation of photographs, as the Recall@k surrogate, Metrix and GLAM papers
 * train: a random resized crop (area fraction drawn from {@code scale}, aspect ratio drawn
 * log-uniformly from {@code ratio}, torchvision's algorithm: ten tries, then a centre crop), a
 * horizontal flip with probability one half, and optionally a colour jitter (brightness,
 * contrast and saturation each scaled by a factor drawn from [1 - j, 1 + j], in that order).
 * Evaluation never augments: it resizes and crops the centre.
 *
 * @param mode "none" (today's behaviour: every image as read) or "standard"
 */
public record Augmentation(String mode, double minScale, double maxScale, double minRatio,
        double maxRatio, boolean flip, double colorJitter) {

    public static final double DEFAULT_MIN_SCALE = 0.08;
    public static final double DEFAULT_MIN_RATIO = 3.0 / 4;
    public static final double DEFAULT_MAX_RATIO = 4.0 / 3;

    public Augmentation {
        mode = mode == null ? "none" : mode.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("none") && !mode.equals("standard")) {
            throw new IllegalArgumentException("unknown --augment '" + mode + "'; choose none or standard");
        }
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException("--crop-scale must be two fractions 0 < min <= max <= 1,"
                    + " got " + minScale + "," + maxScale);
        }
        if (!(minRatio > 0 && minRatio <= maxRatio) || Double.isInfinite(maxRatio)) {
            throw new IllegalArgumentException("--crop-ratio must be two aspect ratios 0 < min <= max,"
                    + " got " + minRatio + "," + maxRatio);
        }
        if (!(colorJitter >= 0 && colorJitter < 1)) {
            throw new IllegalArgumentException("--color-jitter must be in [0, 1), got " + colorJitter);
        }
    }

    /** No augmentation (the default; also what a config of an earlier version means). */
    public static Augmentation none() {
        return new Augmentation("none", DEFAULT_MIN_SCALE, 1, DEFAULT_MIN_RATIO, DEFAULT_MAX_RATIO,
                true, 0);
    }

    /** Random resized crop (0.08-1, 3/4-4/3) and flips. */
    public static Augmentation standard() {
        return new Augmentation("standard", DEFAULT_MIN_SCALE, 1, DEFAULT_MIN_RATIO,
                DEFAULT_MAX_RATIO, true, 0);
    }

    public boolean enabled() {
        return mode.equals("standard");
    }

    /**
     * One training view of {@code image} at {@code height} x {@code width}, channel-major bytes;
     * all its random choices come from {@code random}.
     */
    public byte[] apply(Planes image, int height, int width, SplittableRandom random) {
        double[] crop = crop(image.width(), image.height(), random);
        boolean mirror = flip && random.nextBoolean();
        byte[] out = ImageConversion.region(image, crop[0], crop[1], crop[2], crop[3], height, width,
                mirror);
        if (colorJitter > 0) {
            jitter(out, image.channels(), height * width, random);
        }
        return out;
    }

    /** x, y, width, height of the crop, torchvision's RandomResizedCrop.get_params. */
    double[] crop(int width, int height, SplittableRandom random) {
        double area = (double) width * height;
        double logMin = Math.log(minRatio);
        double logMax = Math.log(maxRatio);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (minScale + (maxScale - minScale) * random.nextDouble());
            double aspect = Math.exp(logMin + (logMax - logMin) * random.nextDouble());
            long w = Math.round(Math.sqrt(target * aspect));
            long h = Math.round(Math.sqrt(target / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int x = random.nextInt((int) (width - w) + 1);
                int y = random.nextInt((int) (height - h) + 1);
                return new double[] {x, y, w, h};
            }
        }
        double inRatio = (double) width / height;
        double w = width;
        double h = height;
        if (inRatio < minRatio) {
            h = Math.round(w / minRatio);
        } else if (inRatio > maxRatio) {
            w = Math.round(h * maxRatio);
        }
        return new double[] {(width - w) / 2, (height - h) / 2, w, h};
    }

    private void jitter(byte[] pixels, int channels, int plane, SplittableRandom random) {
        double brightness = factor(random);
        double contrast = factor(random);
        double saturation = factor(random);
        float[] values = new float[pixels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((pixels[i] & 0xFF) * brightness);
        }
        double mean = 0;
        for (int p = 0; p < plane; p++) {
            mean += luma(values, channels, plane, p);
        }
        mean /= plane;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + (clamp(values[i]) - mean) * contrast);
        }
        if (channels == 3) {
            for (int p = 0; p < plane; p++) {
                double grey = luma(values, channels, plane, p);
                for (int c = 0; c < 3; c++) {
                    int i = c * plane + p;
                    values[i] = (float) (grey + (clamp(values[i]) - grey) * saturation);
                }
            }
        }
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (byte) Math.round(clamp(values[i]));
        }
    }

    private double factor(SplittableRandom random) {
        return 1 - colorJitter + 2 * colorJitter * random.nextDouble();
    }

    private static double luma(float[] values, int channels, int plane, int p) {
        if (channels == 1) {
            return clamp(values[p]);
        }
        return 0.299 * clamp(values[p]) + 0.587 * clamp(values[plane + p]) + 0.114 * clamp(values[2 * plane + p]);
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(255, v));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(255, v));
    }

    public String describe() {
        if (!enabled()) {
            return "none";
        }
        return String.format(Locale.ROOT, "random resized crop (scale %.2f-%.2f, ratio %.2f-%.2f)%s%s",
                minScale, maxScale, minRatio, maxRatio, flip ? ", horizontal flip" : "",
                colorJitter > 0 ? ", colour jitter " + colorJitter : "");
    }
}
