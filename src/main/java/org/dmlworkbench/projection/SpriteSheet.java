package org.dmlworkbench.projection;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.progress.Cancellation;

/**
 * The Embedding Projector's sprite: one PNG of every image as a square cell, row by row in data
 * order, on a square grid. The Projector reads cells left to right, top to bottom, and limits the
 * sheet to {@link #MAX_SIDE} pixels a side, so large sets get smaller cells.
 *
 * @param cell side of one cell in pixels
 * @param columns cells per row (and at most as many rows)
 */
public record SpriteSheet(int cell, int columns) {

    /** The Projector's (WebGL texture) limit on either side of the sprite. */
    public static final int MAX_SIDE = 8192;
    /**
     * Cells are never smaller than MNIST's 28 pixels (tinier images are enlarged to be seen) and
     * never larger than 64 (enough to recognise a photo); between, images keep their size, which
     * keeps the sheet small: 10,000 CIFAR images take 3,200 pixels a side, not 6,400.
     */
    public static final int SMALL = 28;
    public static final int LARGE = 64;

    /** The layout for {@code count} images of {@code imageSide} pixels (the larger side). */
    public static SpriteSheet layout(int count, int imageSide) {
        int columns = Math.max(1, (int) Math.ceil(Math.sqrt(count)));
        int cell = Math.max(SMALL, Math.min(imageSide, LARGE));
        cell = Math.min(cell, MAX_SIDE / columns);
        if (cell < 1) {
            throw new IllegalArgumentException(String.format(
                    "%,d images do not fit an %d-pixel sprite; export fewer", count, MAX_SIDE));
        }
        return new SpriteSheet(cell, columns);
    }

    /** Side of the whole sheet in pixels. */
    public int side() {
        return cell * columns;
    }

    /** Draws every image of {@code images} into its cell and writes the PNG atomically. */
    public void write(Path file, ImageSet images, Cancellation cancel) throws IOException {
        // Square, as TensorBoard's own sprites: the Projector derives the columns from the width.
        BufferedImage sheet = new BufferedImage(side(), side(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            BufferedImage image = new BufferedImage(images.width(), images.height(),
                    BufferedImage.TYPE_INT_RGB);
            byte[] pixels = new byte[images.imageBytes()];
            int plane = images.height() * images.width();
            for (int i = 0; i < images.size(); i++) {
                if (i % 1024 == 0) {
                    cancel.throwIfCancelled();
                }
                images.copyImage(i, pixels, 0);
                for (int p = 0; p < plane; p++) {
                    int r = pixels[p] & 0xFF;
                    int gr = images.channels() >= 3 ? pixels[plane + p] & 0xFF : r;
                    int b = images.channels() >= 3 ? pixels[2 * plane + p] & 0xFF : r;
                    image.setRGB(p % images.width(), p / images.width(), (r << 16) | (gr << 8) | b);
                }
                g.drawImage(image, (i % columns) * cell, (i / columns) * cell, cell, cell, null);
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(sheet, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        });
    }
}
