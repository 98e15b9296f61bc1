package org.dmlworkbench.data;

/**
 * An image as float planes of values 0..255 (one plane for grey, three for RGB), row-major,
 * before resizing: what augmentation crops, flips and recolours.
 *
 * @param values {@code channels} planes of {@code height * width} values
 */
public record Planes(int channels, int height, int width, float[][] values) {

    public Planes {
        if (values.length != channels) {
            throw new IllegalArgumentException(values.length + " planes for " + channels + " channels");
        }
        for (float[] plane : values) {
            if (plane.length != height * width) {
                throw new IllegalArgumentException("a plane of " + plane.length + " values for "
                        + height + "x" + width);
            }
        }
    }

    /** The planes of channel-major bytes (as an {@link ImageSet} stores them). */
    public static Planes ofBytes(byte[] pixels, int offset, int channels, int height, int width) {
        int plane = height * width;
        float[][] values = new float[channels][plane];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                values[c][i] = pixels[offset + c * plane + i] & 0xFF;
            }
        }
        return new Planes(channels, height, width, values);
    }

    /** Bytes this image takes in memory. */
    public long bytes() {
        return (long) channels * height * width * Float.BYTES;
    }
}
