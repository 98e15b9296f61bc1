package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dmlworkbench.data.ConversionPolicy.ResizeMode;
import org.dmlworkbench.data.ImageConversion.ImageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageConversionTest {

    @TempDir
    Path dir;

    private static final int[][] FOUR_BY_FOUR = {
        {0, 10, 20, 30}, {40, 50, 60, 70}, {80, 90, 100, 110}, {120, 130, 140, 150}};

    @Test
    void shrinkingAveragesAreas() {
        // Each output pixel is the mean of a 2x2 block: (0+10+40+50)/4 = 25, (20+30+60+70)/4 = 45,
        // (80+90+120+130)/4 = 105, (100+110+140+150)/4 = 125.
        byte[] out = ImageConversion.toPixels(TestImages.grey(FOUR_BY_FOUR), ConversionPolicy.of(1, 2, 2));
        assertArrayEquals(new int[] {25, 45, 105, 125}, TestImages.unsigned(out));
    }

    @Test
    void shrinkingByAFractionWeighsPartialPixels() {
        // 3 -> 2 columns: output 0 covers [0, 1.5): (30*1 + 60*0.5) / 1.5 = 40;
        // output 1 covers [1.5, 3): (60*0.5 + 90*1) / 1.5 = 80.
        byte[] out = ImageConversion.toPixels(TestImages.grey(new int[][] {{30, 60, 90}}),
                new ConversionPolicy(1, 1, 2, ResizeMode.STRETCH));
        assertArrayEquals(new int[] {40, 80}, TestImages.unsigned(out));
    }

    @Test
    void growingInterpolatesBilinearly() {
        // 2 -> 4 columns, sample centres at source x = -0.25, 0.25, 0.75, 1.25 (clamped at the
        // edges): 0, 0.75*0 + 0.25*100 = 25, 0.25*0 + 0.75*100 = 75, 100.
        byte[] out = ImageConversion.toPixels(TestImages.grey(new int[][] {{0, 100}}),
                new ConversionPolicy(1, 1, 4, ResizeMode.STRETCH));
        assertArrayEquals(new int[] {0, 25, 75, 100}, TestImages.unsigned(out));
    }

    @Test
    void centreCropKeepsTheMiddleAndStretchSqueezes() {
        BufferedImage wide = TestImages.grey(new int[][] {{10, 20, 30, 40}, {50, 60, 70, 80}});
        // 4x2 into 2x2: the height already fits, so the middle two columns are cut out.
        assertArrayEquals(new int[] {20, 30, 60, 70},
                TestImages.unsigned(ImageConversion.toPixels(wide, ConversionPolicy.of(1, 2, 2))));
        // Stretch halves the width: (10+20)/2, (30+40)/2, (50+60)/2, (70+80)/2.
        assertArrayEquals(new int[] {15, 35, 55, 75}, TestImages.unsigned(ImageConversion.toPixels(wide,
                new ConversionPolicy(1, 2, 2, ResizeMode.STRETCH))));
    }

    @Test
    void colourBecomesGreyByLumaAndGreyBecomesColourByCopy() {
        // 0.299*200 + 0.587*100 + 0.114*50 = 124.2 -> 124.
        byte[] grey = ImageConversion.toPixels(TestImages.solid(1, 1, 200, 100, 50), ConversionPolicy.of(1, 1, 1));
        assertArrayEquals(new int[] {124}, TestImages.unsigned(grey));
        byte[] colour = ImageConversion.toPixels(TestImages.grey(new int[][] {{7, 200}}), ConversionPolicy.of(3, 1, 2));
        assertArrayEquals(new int[] {7, 200, 7, 200, 7, 200}, TestImages.unsigned(colour));
        byte[] rgb = ImageConversion.toPixels(TestImages.solid(1, 1, 200, 100, 50), ConversionPolicy.of(3, 1, 1));
        assertArrayEquals(new int[] {200, 100, 50}, TestImages.unsigned(rgb));
    }

    @Test
    void sixteenBitGreyIsScaledToBytes() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535);
        image.getRaster().setSample(1, 0, 0, 257 * 128);
        assertArrayEquals(new int[] {255, 128},
                TestImages.unsigned(ImageConversion.toPixels(image, ConversionPolicy.of(1, 1, 2))));
    }

    @Test
    void toImageAndPngRoundTripExactly() throws Exception {
        byte[] pixels = TestFiles.patternPixels(2, 3 * 3 * 4, 5);
        ImageSet set = new ImageSet(3, 3, 4, pixels, new int[] {0, 1}, List.of("a", "b"), null);
        Path file = TestImages.write(ImageConversion.toImage(set, 1), "png", dir.resolve("one.png"));
        byte[] back = ImageConversion.toPixels(ImageConversion.readImage(file), ConversionPolicy.of(3, 3, 4));
        assertArrayEquals(Arrays.copyOfRange(pixels, 36, 72), back);

        ImageSet grey = new ImageSet(1, 2, 2, new byte[] {0, 1, (byte) 128, (byte) 255}, new int[] {0},
                List.of("a"), null);
        Path greyFile = TestImages.write(ImageConversion.toImage(grey, 0), "png", dir.resolve("grey.png"));
        BufferedImage read = ImageConversion.readImage(greyFile);
        assertTrue(ImageConversion.isGrey(read.getColorModel()));
        assertArrayEquals(new int[] {0, 1, 128, 255},
                TestImages.unsigned(ImageConversion.toPixels(read, ConversionPolicy.of(1, 2, 2))));
    }

    @Test
    void unreadableFilesGiveOneClearSentence() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertMessage(empty, "is empty (0 bytes), not an image");
        Path text = Files.writeString(dir.resolve("notes.png"), "this is not a picture");
        assertMessage(text, "is not an image format Java can read");
        Path png = TestImages.write(noise(40, 40), "png", dir.resolve("cut.png"));
        byte[] content = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(content, content.length / 2));
        assertMessage(png, "is corrupt or not a readable image");
        Path jpeg = TestImages.write(noise(64, 64), "jpg", dir.resolve("cut.jpg"));
        byte[] jpegContent = Files.readAllBytes(jpeg);
        Files.write(jpeg, Arrays.copyOf(jpegContent, jpegContent.length / 2));
        assertMessage(jpeg, "truncated");
        assertMessage(dir.resolve("absent.png"), "does not exist");
        assertMessage(dir, "is a folder");
    }

    @Test
    void probeReadsSizeAndGreyness() throws Exception {
        Path grey = TestImages.write(TestImages.grey(new int[][] {{1, 2, 3}}), "png", dir.resolve("g.png"));
        Path colour = TestImages.write(TestImages.solid(5, 2, 1, 2, 3), "png", dir.resolve("c.png"));
        try (var in = Files.newInputStream(grey)) {
            assertEquals(new ImageInfo(3, 1, true), ImageConversion.probe(in, grey.toString()));
        }
        try (var in = Files.newInputStream(colour)) {
            assertEquals(new ImageInfo(5, 2, false), ImageConversion.probe(in, colour.toString()));
        }
    }

    @Test
    void decideTakesTheMostCommonTrainingSizeAndGreyOnlyWhenAllAreGrey() {
        List<ImageInfo> train = List.of(new ImageInfo(28, 28, true), new ImageInfo(32, 32, true),
                new ImageInfo(28, 28, true));
        ConversionPolicy policy = ImageConversion.decide(ConversionPolicy.auto(), train, train);
        assertEquals(ConversionPolicy.of(1, 28, 28), policy);

        List<ImageInfo> all = List.of(train.get(0), new ImageInfo(9, 9, false));
        assertEquals(3, ImageConversion.decide(ConversionPolicy.auto(), all, train).channels());
        // A tie between 10 wide x 20 high and 20 wide x 10 high: equal areas, the taller wins.
        List<ImageInfo> tie = List.of(new ImageInfo(20, 10, true), new ImageInfo(10, 20, true));
        ConversionPolicy tied = ImageConversion.decide(ConversionPolicy.auto(), tie, tie);
        assertEquals(20, tied.height());
        assertEquals(10, tied.width());
        // Given fields are kept.
        assertEquals(new ConversionPolicy(3, 7, 8, ResizeMode.STRETCH), ImageConversion.decide(
                new ConversionPolicy(3, 7, 8, ResizeMode.STRETCH), train, train));
    }

    @Test
    void convertLeavesAMatchingSetAloneAndResizesOtherwise() {
        ImageSet set = new ImageSet(1, 4, 4, toBytes(FOUR_BY_FOUR), new int[] {0}, List.of("a"), List.of("x#0"));
        assertSame(set, ImageConversion.convert(set, ConversionPolicy.auto()));
        ImageSet small = ImageConversion.convert(set, ConversionPolicy.auto().withSize(2, 2).withChannels(3));
        assertEquals(3, small.channels());
        assertEquals(25, small.pixel(0, 2, 0, 0));
        assertEquals(125, small.pixel(0, 1, 1, 1));
        assertEquals("x#0", small.source(0).orElseThrow());
    }

    private static byte[] toBytes(int[][] rows) {
        byte[] out = new byte[rows.length * rows[0].length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[0].length; x++) {
                out[y * rows[0].length + x] = (byte) rows[y][x];
            }
        }
        return out;
    }

    private static BufferedImage noise(int w, int h) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    private static void assertMessage(Path file, String expected) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageConversion.readImage(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
