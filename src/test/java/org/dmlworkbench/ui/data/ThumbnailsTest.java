package org.dmlworkbench.ui.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.dmlworkbench.data.ImageSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class ThumbnailsTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static ImageSet grey(int height, int width, int[][] images, int[] labels) {
        byte[] pixels = new byte[images.length * height * width];
        for (int i = 0; i < images.length; i++) {
            for (int p = 0; p < height * width; p++) {
                pixels[i * height * width + p] = (byte) images[i][p];
            }
        }
        return new ImageSet(1, height, width, pixels, labels, List.of("a", "b", "c"), null);
    }

    @Test
    void indicesOfTakesTheFirstImagesOfTheClassInSetOrder() {
        int[][] blank = new int[6][4];
        ImageSet set = grey(2, 2, blank, new int[] {0, 1, 0, 2, 0, 1});
        assertArrayEquals(new int[] {0, 2}, Thumbnails.indicesOf(set, 0, 2));
        assertArrayEquals(new int[] {0, 2, 4}, Thumbnails.indicesOf(set, 0, 10));
        assertArrayEquals(new int[] {1, 5}, Thumbnails.indicesOf(set, 1, 10));
        assertArrayEquals(new int[] {}, Thumbnails.indicesOf(grey(2, 2, new int[1][4], new int[] {2}), 0, 10));
    }

    @Test
    void scaleIsTheLargestWholeFactorThatStaysWithinTheTargetEdge() {
        // 84 / 28 = 3, 84 / 32 = 2.6 -> 2, 84 / 100 < 1 -> 1 (drawn at its own size)
        assertEquals(3, Thumbnails.scaleFor(grey(28, 28, new int[0][0], new int[0])));
        assertEquals(2, Thumbnails.scaleFor(grey(20, 32, new int[0][0], new int[0])));
        assertEquals(1, Thumbnails.scaleFor(grey(100, 60, new int[0][0], new int[0])));
    }

    @Test
    void greyImagesAreEnlargedByRepeatingEachPixelWithoutBlending() {
        // image 1 (the second) is 2x3: rows {0, 255, 128} and {7, 64, 200}
        int[][] images = {{9, 9, 9, 9, 9, 9}, {0, 255, 128, 7, 64, 200}};
        ImageSet set = grey(2, 3, images, new int[] {0, 1});
        WritableImage image = Thumbnails.render(set, 1, 3);
        assertEquals(9, image.getWidth());
        assertEquals(6, image.getHeight());
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 9; x++) {
                int value = images[1][(y / 3) * 3 + x / 3];
                int expected = 0xFF000000 | value << 16 | value << 8 | value;
                assertEquals(expected, reader.getArgb(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void colourImagesTakeTheirChannelsFromTheThreePlanes() {
        // one 1x2 RGB image: planes R = {10, 20}, G = {30, 40}, B = {50, 60}
        byte[] pixels = {10, 20, 30, 40, 50, 60};
        ImageSet set = new ImageSet(3, 1, 2, pixels, new int[] {0}, List.of("only"), null);
        PixelReader reader = Thumbnails.render(set, 0, 2).getPixelReader();
        assertEquals(0xFF0A1E32, reader.getArgb(0, 0));
        assertEquals(0xFF0A1E32, reader.getArgb(1, 1));
        assertEquals(0xFF14283C, reader.getArgb(2, 0));
        assertEquals(0xFF14283C, reader.getArgb(3, 1));
    }
}
