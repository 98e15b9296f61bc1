package org.dmlworkbench.ui.runview;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Planes;

/**
 * JavaFX images of data set items as read: a photo in colour at its own aspect ratio (not the
 * square the model sees), scaled down to {@link #ORIGINAL_EDGE}; a small image at its own size.
 * Kept in a least-recently-used cache bounded in pixels, so that scrolling a grid or hovering over
 * the map does not decode the same image again.
 */
public final class Thumbnails {

    /** Longest side of a thumbnail of a larger image. */
    public static final int ORIGINAL_EDGE = 160;
    /** Pixels the cache may hold: 16 M, 64 MB of ARGB (about 800 photo thumbnails, 20,000 digits). */
    private static final long PIXEL_BUDGET = 16L << 20;
    private static final Map<Key, Image> CACHE = new LinkedHashMap<>(256, 0.75f, true);
    private static long cachedPixels;

    /** Identity of the set, not its content: sets are immutable and compared by reference. */
    private record Key(ImageSet set, int index) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.set == set && key.index == index;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(set) * 31 + index;
        }
    }

    private Thumbnails() {}

    /** Item {@code index} of {@code set} as a JavaFX image at its own size (any thread). */
    public static Image of(ImageSet set, int index) {
        Key key = new Key(set, index);
        synchronized (CACHE) {
            Image cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Image image = SwingFXUtils.toFXImage(original(set, index, ORIGINAL_EDGE), null);
        synchronized (CACHE) {
            Image replaced = CACHE.put(key, image);
            cachedPixels += pixels(image) - (replaced == null ? 0 : pixels(replaced));
            Iterator<Image> eldest = CACHE.values().iterator();
            while (cachedPixels > PIXEL_BUDGET && CACHE.size() > 1) {
                cachedPixels -= pixels(eldest.next());
                eldest.remove();
            }
        }
        return image;
    }

    private static long pixels(Image image) {
        return (long) image.getWidth() * (long) image.getHeight();
    }

    /**
     * Item {@code index} of {@code set} as it was read, before it was brought to the set's square:
     * colour kept, own aspect ratio, scaled down (smoothly) to fit {@code maxEdge}. A set held in
     * memory keeps no other original than its pixels: those are returned. Any thread.
     */
    public static BufferedImage original(ImageSet set, int index, int maxEdge) {
        Planes planes = set.original(index);
        if (planes.height() == set.height() && planes.width() == set.width()) {
            return fit(ImageConversion.toImage(set, index), maxEdge);
        }
        return fit(toImage(planes), maxEdge);
    }

    private static BufferedImage toImage(Planes planes) {
        int w = planes.width();
        int h = planes.height();
        float[][] v = planes.values();
        boolean colour = planes.channels() >= 3;
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            int r = clamp(v[0][i]);
            int g = colour ? clamp(v[1][i]) : r;
            int b = colour ? clamp(v[2][i]) : r;
            rgb[i] = r << 16 | g << 8 | b;
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, rgb, 0, w);
        return image;
    }

    private static int clamp(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }

    /** {@code image} scaled down to fit {@code maxEdge} on its longer side; smaller ones as they are. */
    private static BufferedImage fit(BufferedImage image, int maxEdge) {
        int longer = Math.max(image.getWidth(), image.getHeight());
        if (longer <= maxEdge) {
            return image;
        }
        double scale = (double) maxEdge / longer;
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return small;
    }

    /**
     * A view showing {@code image} in a {@code size}-pixel square; small images are enlarged
     * without smoothing, so 28x28 digits stay crisp.
     */
    public static ImageView view(Image image, double size) {
        ImageView view = new ImageView(image);
        view.setPreserveRatio(true);
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setSmooth(image != null && image.getWidth() > size);
        return view;
    }
}
