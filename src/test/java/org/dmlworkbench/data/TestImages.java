package org.dmlworkbench.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Tiny images built pixel by pixel for conversion tests. */
final class TestImages {

    private TestImages() {}

    /** A grey image from rows of values 0..255 (written to the raster, no colour conversion). */
    static BufferedImage grey(int[][] rows) {
        int h = rows.length;
        int w = rows[0].length;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.getRaster().setSample(x, y, 0, rows[y][x]);
            }
        }
        return image;
    }

    /** A colour image of one colour. */
    static BufferedImage solid(int w, int h, int r, int g, int b) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    static Path write(BufferedImage image, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return file;
    }

    static int[] unsigned(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }
}
