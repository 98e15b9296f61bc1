package org.dmlworkbench.data;

import java.util.Locale;
import java.util.Objects;

/**
 * How images of any size and colour become the fixed-size tensors a model takes. A field set to
 * {@link #AUTO} is decided from the data (see {@link ImageConversion#decide}).
 *
 * @param channels 1 (grey, BT.601 luma of colour images) or 3 (RGB, grey replicated), or AUTO
 * @param height target height in pixels, or AUTO (then width is AUTO too)
 * @param width target width in pixels, or AUTO (then height is AUTO too)
 * @param resizeMode how the aspect ratio is handled
 */
public record ConversionPolicy(int channels, int height, int width, ResizeMode resizeMode) {

    public static final int AUTO = 0;

    public enum ResizeMode {
        /** Scale so the image covers the target (shorter side fits), then cut the centre out. */
        CENTER_CROP,
        /** Scale each axis on its own to the target size; the aspect ratio may change. */
        STRETCH;

        /** "center-crop" or "stretch", as on the command line. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static ResizeMode fromCliName(String name) {
            for (ResizeMode mode : values()) {
                if (mode.cliName().equalsIgnoreCase(name.strip()) || mode.name().equalsIgnoreCase(name.strip())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown resize mode '" + name
                    + "'; use center-crop or stretch");
        }
    }

    public ConversionPolicy {
        Objects.requireNonNull(resizeMode, "resizeMode");
        if (channels != AUTO && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3 (or AUTO), got " + channels);
        }
        if (height < 0 || width < 0 || (height == AUTO) != (width == AUTO)) {
            throw new IllegalArgumentException("image size must be two positive numbers or both AUTO, got "
                    + height + "x" + width);
        }
    }

    /** Everything decided from the data, centre crop. */
    public static ConversionPolicy auto() {
        return new ConversionPolicy(AUTO, AUTO, AUTO, ResizeMode.CENTER_CROP);
    }

    /** Square images of {@code side} pixels (channels decided from the data); 0: all decided. */
    public static ConversionPolicy square(int side) {
        return side == 0 ? auto() : new ConversionPolicy(AUTO, side, side, ResizeMode.CENTER_CROP);
    }

    public static ConversionPolicy of(int channels, int height, int width) {
        return new ConversionPolicy(channels, height, width, ResizeMode.CENTER_CROP);
    }

    public ConversionPolicy withChannels(int newChannels) {
        return new ConversionPolicy(newChannels, height, width, resizeMode);
    }

    public ConversionPolicy withSize(int newHeight, int newWidth) {
        return new ConversionPolicy(channels, newHeight, newWidth, resizeMode);
    }

    public ConversionPolicy withResizeMode(ResizeMode mode) {
        return new ConversionPolicy(channels, height, width, mode);
    }

    public boolean hasChannels() {
        return channels != AUTO;
    }

    public boolean hasSize() {
        return height != AUTO;
    }

    /** True when nothing is left to decide from the data. */
    public boolean isComplete() {
        return hasChannels() && hasSize();
    }

    /** Bytes one converted image takes: channels x height x width. */
    public int imageBytes() {
        if (!isComplete()) {
            throw new IllegalStateException("conversion policy not decided yet: " + describe());
        }
        return channels * height * width;
    }

    /** One line for logs and run records, e.g. "1x28x28 center-crop". */
    public String describe() {
        if (isComplete()) {
            return channels + "x" + height + "x" + width + " " + resizeMode.cliName();
        }
        String c = hasChannels() ? Integer.toString(channels) : "auto";
        String size = hasSize() ? height + "x" + width : "auto";
        return "channels " + c + ", size " + size + ", " + resizeMode.cliName();
    }
}
