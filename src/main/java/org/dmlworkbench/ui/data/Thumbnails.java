package org.dmlworkbench.ui.data;

import java.util.Arrays;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.dmlworkbench.data.ImageSet;

/**
 * Thumbnails of data-set images. Small images are enlarged by an integer factor with
 * nearest-neighbour sampling, so a 28x28 digit stays crisp instead of being blurred by the
 * scene graph's smoothing.
 */
public final class Thumbnails {

    /** Target edge of a thumbnail in pixels; images larger than this are drawn at their own size. */
    public static final int TARGET_EDGE = 84;

    private Thumbnails() {}

    /** The first {@code limit} indices (in set order) of images labelled {@code label}. */
    public static int[] indicesOf(ImageSet set, int label, int limit) {
        int[] found = new int[Math.min(limit, set.size())];
        int n = 0;
        for (int i = 0; i < set.size() && n < found.length; i++) {
            if (set.label(i) == label) {
                found[n++] = i;
            }
        }
        return Arrays.copyOf(found, n);
    }

    /** The integer enlargement that brings the larger edge closest to {@link #TARGET_EDGE} without passing it. */
    public static int scaleFor(ImageSet set) {
        return Math.max(1, TARGET_EDGE / Math.max(set.height(), set.width()));
    }

    /**
     * Image {@code index} enlarged {@code scale} times, grey replicated to RGB; a photo read from
     * a file is drawn as it was read instead, in colour at its own aspect ratio, fitted to
     * {@link #TARGET_EDGE} (the set's square is what the model sees, not what the user has).
     * Any thread.
     */
    public static WritableImage render(ImageSet set, int index, int scale) {
        org.dmlworkbench.data.Planes original = set.original(index);
        if (original.height() != set.height() || original.width() != set.width()) {
            return javafx.embed.swing.SwingFXUtils.toFXImage(
                    org.dmlworkbench.ui.runview.Thumbnails.original(set, index, TARGET_EDGE), null);
        }
        int h = set.height();
        int w = set.width();
        int plane = h * w;
        byte[] pixels = new byte[set.imageBytes()];
        set.copyImage(index, pixels, 0);
        boolean colour = set.channels() == 3;
        int outW = w * scale;
        int[] argb = new int[outW * h * scale];
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                int p = row * w + col;
                int r = pixels[p] & 0xFF;
                int g = colour ? pixels[plane + p] & 0xFF : r;
                int b = colour ? pixels[2 * plane + p] & 0xFF : r;
                int value = 0xFF000000 | r << 16 | g << 8 | b;
                for (int dy = 0; dy < scale; dy++) {
                    int start = (row * scale + dy) * outW + col * scale;
                    Arrays.fill(argb, start, start + scale, value);
                }
            }
        }
        WritableImage image = new WritableImage(outW, h * scale);
        image.getPixelWriter().setPixels(0, 0, outW, h * scale, PixelFormat.getIntArgbInstance(), argb, 0, outW);
        return image;
    }
}
