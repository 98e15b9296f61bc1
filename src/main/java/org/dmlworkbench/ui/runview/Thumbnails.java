package org.dmlworkbench.ui.runview;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.data.ImageSet;

/**
 * JavaFX images of data set items, kept in a small least-recently-used cache so that scrolling a
 * grid or hovering over the map does not convert the same image again.
 */
public final class Thumbnails {

    private static final int CAPACITY = 4096;
    private static final Map<Key, Image> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Image> eldest) {
            return size() > CAPACITY;
        }
    };

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
        Image image = SwingFXUtils.toFXImage(ImageConversion.toImage(set, index), null);
        synchronized (CACHE) {
            CACHE.put(key, image);
        }
        return image;
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
