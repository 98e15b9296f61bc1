package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The font collection generator on one or two font files found on this machine (copied into a
 * folder of their own, so installed font packages do not change what is tested).
 */
class FontCollectionTest {

    /** Where a Linux, macOS or Windows machine, or the JDK itself, keeps font files. */
    private static final List<Path> FONT_HOMES = List.of(Path.of("/usr/share/fonts"),
            Path.of(System.getProperty("java.home"), "lib", "fonts"), Path.of("/System/Library/Fonts"),
            Path.of("/Library/Fonts"), Path.of("C:\\Windows\\Fonts"));

    @TempDir
    Path dir;

    /** Up to two .ttf files of different families that draw 'A' and 'B'; skips the test when none. */
    private Path fontFolder() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path home : FONT_HOMES) {
            if (Files.isDirectory(home)) {
                try (Stream<Path> walk = Files.walk(home)) {
                    walk.filter(p -> p.toString().toLowerCase().endsWith(".ttf")).sorted().forEach(files::add);
                }
            }
        }
        Path folder = Files.createDirectories(dir.resolve("fonts"));
        List<String> families = new ArrayList<>();
        for (Path file : files) {
            try {
                Font font = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
                String family = FontCollection.familyKey(font.getFontName());
                boolean ordinary = !Pattern.matches(FontCollection.DEFAULT_EXCLUDE, font.getFontName());
                if (ordinary && font.canDisplay('A') && font.canDisplay('B') && !families.contains(family)) {
                    families.add(family);
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            } catch (Exception unreadable) {
                continue;
            }
            if (families.size() == 2) {
                break;
            }
        }
        Assumptions.assumeFalse(families.isEmpty(), "no TrueType font file drawing A and B in "
                + FONT_HOMES + "; the font collection cannot be tested on this machine");
        return folder;
    }

    private FontCollection.Settings settings(Path fonts) {
        // U+E000 is a private-use code point no ordinary font draws: its class must be dropped.
        return new FontCollection.Settings(List.of(fonts), 24, "AB\uE000", 1,
                Pattern.compile(FontCollection.DEFAULT_EXCLUDE), false);
    }

    @Test
    void writesOneFolderPerCharacterAndOneImagePerFont() throws IOException {
        Path fonts = fontFolder();
        Path out = dir.resolve("out");
        FontCollection.Summary summary = FontCollection.write(settings(fonts), out);

        int faces = summary.facesUsed();
        assertTrue(faces >= 1 && faces <= 2, "faces used: " + faces);
        assertEquals(Map.of("U+0041-A", faces, "U+0042-B", faces), summary.imagesPerClass());
        assertEquals(Map.of("U+E000", 0), summary.droppedClasses());
        assertEquals(2 * faces, summary.images());
        try (Stream<Path> classes = Files.list(out)) {
            assertEquals(List.of("README.txt", "U+0041-A", "U+0042-B", "fonts.tsv"),
                    classes.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String name : List.of("U+0041-A", "U+0042-B")) {
            List<Path> images;
            try (Stream<Path> files = Files.list(out.resolve(name))) {
                images = files.sorted().toList();
            }
            assertEquals(faces, images.size());
            for (Path file : images) {
                assertTrue(file.getFileName().toString().matches("[A-Za-z0-9._-]+\\.png"), file.toString());
                BufferedImage image = ImageIO.read(file.toFile());
                assertEquals(24, image.getWidth());
                assertEquals(24, image.getHeight());
                assertEquals(1, image.getRaster().getNumBands(), "grey");
                assertInkCentred(image);
            }
        }
        Dataset read = ImageFolderReader.read(out, "fonts", ConversionPolicy.auto(), false, ProgressListener.NONE);
        assertEquals(List.of("U+0041-A", "U+0042-B"), read.classNames());
        assertEquals(2 * faces, read.train().size() + read.test().size());
    }

    @Test
    void theSameFontsGiveTheSameFilesByteForByte() throws IOException {
        Path fonts = fontFolder();
        FontCollection.write(settings(fonts), dir.resolve("first"));
        FontCollection.write(settings(fonts), dir.resolve("second"));
        List<Path> first = files(dir.resolve("first"));
        assertEquals(first.stream().map(p -> dir.resolve("first").relativize(p)).toList(),
                files(dir.resolve("second")).stream().map(p -> dir.resolve("second").relativize(p)).toList());
        for (Path file : first) {
            assertArrayEquals(Files.readAllBytes(file),
                    Files.readAllBytes(dir.resolve("second").resolve(dir.resolve("first").relativize(file))),
                    file.toString());
        }
    }

    @Test
    void refusesAFolderThatHoldsSomething() throws IOException {
        Path fonts = fontFolder();
        Path out = Files.createDirectories(dir.resolve("used"));
        Files.writeString(out.resolve("mine.txt"), "keep");
        IOException error = assertThrows(IOException.class, () -> FontCollection.write(settings(fonts), out));
        assertTrue(error.getMessage().contains("is not empty"), error.getMessage());
    }

    @Test
    void aFontWithoutTheCharacterGivesNoImage() throws IOException {
        Path fonts = fontFolder();
        Path file;
        try (Stream<Path> files = Files.list(fonts)) {
            file = files.sorted().findFirst().orElseThrow();
        }
        Font font;
        try {
            font = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
        } catch (java.awt.FontFormatException e) {
            throw new IOException(e);
        }
        GlyphRenderer renderer = new GlyphRenderer(32);
        assertNotNull(renderer.render(font, 'A'));
        assertNull(renderer.render(font, 0xE000), "private-use code point");
        assertNull(renderer.render(font, ' '), "a space has no ink");
    }

    @Test
    void classNamesAreReadableAndSafe() {
        assertEquals("U+0041-A", FontCollection.className('A'));
        assertEquals("U+0061-a", FontCollection.className('a'));
        assertEquals("U+03A9-Ω", FontCollection.className('Ω'));
        assertEquals("U+002F", FontCollection.className('/'));
        assertEquals("U+003A", FontCollection.className(':'));
    }

    @Test
    void facesOfAFamilyShareAKeyAndTheRegularOneIsNearest() {
        assertEquals("lato", FontCollection.familyKey("Lato Bold Italic"));
        assertEquals("lato", FontCollection.familyKey("Lato Regular"));
        assertEquals("nimbus sans", FontCollection.familyKey("NimbusSans-BoldItalic"));
        assertEquals("nimbus sans", FontCollection.familyKey("NimbusSansNarrow-Regular"));
        assertEquals("deja vu sans mono", FontCollection.familyKey("DejaVu Sans Mono Bold"));
        assertEquals(0, FontCollection.styleDistance("Lato Regular"));
        assertEquals(0, FontCollection.styleDistance("C059-Roman"));
        assertEquals(2, FontCollection.styleDistance("C059-BdIta"));
        assertTrue(FontCollection.styleDistance("Inter Display Light") > FontCollection.styleDistance("Inter Regular"));
        assertEquals("DejaVu-Sans-Bold", FontCollection.fileName("DejaVu Sans Bold"));
        assertEquals("Fust-Schoeffer-Durandus", FontCollection.fileName("Fust & Schoeffer Durandus"));
    }

    /** The ink's bounding box is centred to within a pixel. */
    private static void assertInkCentred(BufferedImage image) {
        int minX = Integer.MAX_VALUE;
        int maxX = -1;
        int minY = Integer.MAX_VALUE;
        int maxY = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRaster().getSample(x, y, 0) > 0) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertTrue(maxX >= 0, "the image has ink");
        assertTrue(Math.abs(minX + maxX + 1 - image.getWidth()) <= 2, "centred across: " + minX + ".." + maxX);
        assertTrue(Math.abs(minY + maxY + 1 - image.getHeight()) <= 2, "centred down: " + minY + ".." + maxY);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
