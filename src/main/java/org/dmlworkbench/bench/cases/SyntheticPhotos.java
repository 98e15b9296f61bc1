package org.dmlworkbench.bench.cases;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A folder of colour JPEG photographs for timing the file pipeline: one sub-folder per class,
 * each image a gradient, ellipses and noise, so decoding costs what a real photo's does (about
 * 50 KB at quality 0.85 for 500x375). Generated on every core; the same seed writes the same files.
 */
final class SyntheticPhotos {

    private SyntheticPhotos() {}

    static void write(Path root, int count, int classes, int width, int height, long seed) {
        IntStream.range(0, count).parallel().forEach(i -> {
            Path file = root.resolve(String.format("class%03d", i % classes))
                    .resolve(String.format("%06d.jpg", i));
            try {
                Files.createDirectories(file.getParent());
                writeJpeg(photo(width, height, new Random(seed * 7919 + i)), file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        });
    }

    private static BufferedImage photo(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, randomColour(random), width, height,
                randomColour(random)));
        g.fillRect(0, 0, width, height);
        for (int shape = 0; shape < 12; shape++) {
            g.setColor(randomColour(random));
            g.fillOval(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(width / 2),
                    20 + random.nextInt(height / 2));
        }
        g.dispose();
        for (int i = 0; i < width * height / 8; i++) {
            image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(0xFFFFFF));
        }
        return image;
    }

    private static Color randomColour(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static void writeJpeg(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
