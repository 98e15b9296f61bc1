package org.dmlworkbench.store;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Normalization;

/** Small image folders and a model that needs no network, for the store's tests. */
public final class GalleryFolders {

    private GalleryFolders() {}

    /**
     * {@code perClass} 8x8 grey PNGs in each class folder, image i of class c filled with grey
     * level 20 * c + i (so its embedding by {@link #meanModel} is known), plus one PNG at the top.
     */
    public static Path write(Path folder, List<String> classes, int perClass) throws IOException {
        for (int c = 0; c < classes.size(); c++) {
            Path classFolder = Files.createDirectories(folder.resolve(classes.get(c)));
            for (int i = 0; i < perClass; i++) {
                png(classFolder.resolve(String.format("img-%03d.png", i)), 20 * c + i);
            }
        }
        png(folder.resolve("loose.png"), 200);
        return folder;
    }

    public static void png(Path file, int grey) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.getRaster().setSample(x, y, 0, grey + (x < 4 ? 0 : 1));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * A stand-in model for 1x8x8 images: the embedding is (mean of the left half, mean of the
     * right half) of the pixels in 0..255 (identity normalisation scales them to 0..1, this
     * scales them back), so grey level g embeds to (g, g + 1) within float rounding.
     */
    public static ImageModel meanModel(String fingerprint) {
        ImageModel.BatchEmbedding embedding = (inputs, n) -> {
            float[] out = new float[2 * n];
            for (int i = 0; i < n; i++) {
                double left = 0;
                double right = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        float v = inputs[i * 64 + y * 8 + x];
                        if (x < 4) {
                            left += v;
                        } else {
                            right += v;
                        }
                    }
                }
                out[2 * i] = (float) (255 * left / 32);
                out[2 * i + 1] = (float) (255 * right / 32);
            }
            return out;
        };
        return new ImageModel(fingerprint, "test-run", "params-sha", "1x8x8",
                ConversionPolicy.of(1, 8, 8), Normalization.identity(1), embedding);
    }
}
