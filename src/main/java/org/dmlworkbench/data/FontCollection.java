package org.dmlworkbench.data;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dmlworkbench.io.OutputFolders;

/**
 * A real image collection made from the fonts installed on the machine: one class per character,
 * one image per font that really draws it ({@code OUT/<class>/<font>.png}, the layout
 * {@link ImageFolderReader} reads). Class folders are named "U+0041-A" (code point, then the
 * character when it is a letter or digit), so their sorted order is the code-point order.
 *
 * <p>What is left out, and why:
 * <ul>
 *   <li>a font whose name matches the exclusion pattern (dingbats, keyboard caps, inverted or
 *   outlined letters, small caps, initials: their "A" is not an ordinary A);</li>
 *   <li>a second font of the same name (the same face shipped as .ttf and .otf);</li>
 *   <li>unless every face is asked for, all but one face of each family: the bold, italic,
 *   light, condensed, display... faces of a family differ from its regular face mostly by
 *   stroke weight, slant or width, so a query would find its own design in another weight
 *   instead of the same character in other designs (see {@link #familyKey});</li>
 *   <li>a glyph the font does not have, or has without ink, or that is its missing-glyph box;</li>
 *   <li>a glyph identical to another character's glyph in the same font (a shared placeholder,
 *   or capitals standing in for lower-case letters): it would carry the wrong label;</li>
 *   <li>an image identical to one already in the class (the same design shipped twice, e.g.
 *   Arimo and Liberation Sans), so no test query finds a pixel-exact copy of itself;</li>
 *   <li>a character fewer than {@code minFonts} fonts draw.</li>
 * </ul>
 * Fonts are read in sorted path order and everything is sorted, so the same fonts and settings
 * give the same files, byte for byte.
 */
public final class FontCollection {

    public static final Path DEFAULT_FONT_FOLDER = Path.of("/usr/share/fonts");
    public static final int DEFAULT_SIZE = 32;
    public static final int DEFAULT_MIN_FONTS = 8;
    public static final String DIGITS = "0123456789";
    public static final String LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Greek letters whose usual form is not a Latin letter's (no Α, Β, ο, ρ, ν...). */
    public static final String GREEK = "ΓΔΘΛΞΠΣΦΨΩαβγδεζηθλμξπσςτφψω";
    /** Cyrillic capitals whose usual form is neither a Latin nor a Greek letter's (no А, Г, П...). */
    public static final String CYRILLIC = "БДЖЗИЙЛЦЧШЩЪЫЬЭЮЯ";
    public static final String DEFAULT_CHARS = DIGITS + LATIN + GREEK + CYRILLIC;
    /** Font names whose letters are not ordinary letters (see the class comment). */
    public static final String DEFAULT_EXCLUDE =
            "(?i).*(dingbat|D050000L|symbol|keyboard|initials|inverted|outline|small ?caps).*";
    private static final Pattern FONT_FILE = Pattern.compile("(?i).*\\.(ttf|otf|ttc)");
    /** Words of a font name that name a face of a family, not the family. */
    private static final Pattern STYLE_WORD = Pattern.compile("(?i)regular|normal|book|roman|rg|upright"
            + "|text|italic|ita|it|oblique|slanted|bold|bd|demi|semibold|semi|medium|light|thin|hairline"
            + "|extralight|ultralight|extrabold|ultrabold|extra|ultra|black|heavy|condensed|cond|narrow"
            + "|semicondensed|expanded|extended|semiexpanded|nonextended|display|caption|retina|no\\d+|\\d+");
    /** Style words that the regular face itself carries ("Lato Regular", "C059-Roman"). */
    private static final Set<String> REGULAR_WORDS = Set.of("regular", "normal", "book", "roman", "rg",
            "upright", "text");

    /** What to build: font folders searched, image side, characters, the fonts a class needs. */
    public record Settings(List<Path> fontFolders, int size, String chars, int minFonts, Pattern exclude,
            boolean allFaces) {
        public Settings {
            fontFolders = List.copyOf(fontFolders);
            if (chars.isEmpty()) {
                throw new IllegalArgumentException("--chars names no characters");
            }
            if (minFonts < 1) {
                throw new IllegalArgumentException("--min-fonts must be at least 1, got " + minFonts);
            }
        }

        public static Settings defaults() {
            return new Settings(List.of(DEFAULT_FONT_FOLDER), DEFAULT_SIZE, DEFAULT_CHARS, DEFAULT_MIN_FONTS,
                    Pattern.compile(DEFAULT_EXCLUDE), false);
        }
    }

    /** One font face: its name, the file name its images get, and where it came from. */
    public record Face(String name, String fileName, Path file, Font font) {}

    /** The faces found: the usable ones, and how many files and faces were looked at. */
    record Found(List<Face> faces, int files, int facesFound, int facesExcluded, int otherFaces) {}

    /** What was built, for the command to print and the README to record. */
    public record Summary(int fontFiles, int facesFound, int facesExcluded, int otherFacesOfFamilies,
            int facesUsed,
            Map<String, Integer> imagesPerClass, Map<String, Integer> droppedClasses, int images,
            int noGlyph, int sameAsOtherCharacter, int duplicateImages) {}

    private FontCollection() {}

    /**
     * "U+0041-A"; "U+002F" for a character that is not a letter or digit, so every name is a
     * safe folder name on every file system (no two differ only by case: the code point differs).
     */
    public static String className(int codePoint) {
        String hex = String.format(Locale.ROOT, "U+%04X", codePoint);
        return Character.isLetterOrDigit(codePoint) ? hex + "-" + new String(Character.toChars(codePoint)) : hex;
    }

    /** "DejaVu-Sans-Bold" for "DejaVu Sans Bold": ASCII letters, digits, '.', '_' and '-' only. */
    static String fileName(String fontName) {
        String name = fontName.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        return name.isEmpty() ? "font" : name;
    }

    /**
     * The family a face belongs to: its name split into words (at spaces, '-', '_' and
     * lower-to-upper case changes) less the style words, lower-cased: "Lato Bold Italic" and
     * "Lato Regular" give "lato", "NimbusSans-BoldItalic" and "NimbusSansNarrow-Regular" give
     * "nimbus sans", "Inter Display Light" gives "inter".
     */
    static String familyKey(String fontName) {
        StringBuilder key = new StringBuilder();
        for (String word : words(fontName)) {
            if (!STYLE_WORD.matcher(word).matches()) {
                key.append(key.length() == 0 ? "" : " ").append(word.toLowerCase(Locale.ROOT));
            }
        }
        return key.length() == 0 ? fontName.toLowerCase(Locale.ROOT) : key.toString();
    }

    /** How far a face is from its family's regular one: the style words other than "Regular". */
    static int styleDistance(String fontName) {
        int distance = 0;
        for (String word : words(fontName)) {
            if (STYLE_WORD.matcher(word).matches() && !REGULAR_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                distance++;
            }
        }
        return distance;
    }

    private static List<String> words(String fontName) {
        return Arrays.stream(fontName.split("[\\s_-]+|(?<=[a-z])(?=[A-Z])")).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * Every TrueType/OpenType face under the folders, in sorted path order, the first of each
     * name (the same face shipped as .ttf and .otf), unless {@code allFaces} only the face nearest
     * to regular of each family. A file Java cannot read is passed over.
     */
    static Found findFaces(List<Path> folders, Pattern exclude, boolean allFaces) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new IOException(folder + " is not a folder; --fonts takes folders holding"
                        + " .ttf, .otf or .ttc files");
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).filter(p -> FONT_FILE.matcher(p.toString()).matches())
                        .forEach(files::add);
            }
        }
        files.sort(null);
        Map<String, Face> faces = new LinkedHashMap<>();
        int found = 0;
        int excluded = 0;
        for (Path file : files) {
            Font[] fonts;
            try {
                fonts = Font.createFonts(file.toFile());
            } catch (FontFormatException | IOException e) {
                continue;
            }
            for (Font font : fonts) {
                found++;
                String name = font.getFontName(Locale.ROOT).strip();
                if (exclude != null && exclude.matcher(name).matches()) {
                    excluded++;
                    continue;
                }
                faces.putIfAbsent(fileName(name), new Face(name, fileName(name), file, font));
            }
        }
        if (allFaces) {
            return new Found(List.copyOf(faces.values()), files.size(), found, excluded, 0);
        }
        // The face nearest to regular stands for its family; on a tie the first in path order.
        Map<String, Face> regular = new LinkedHashMap<>();
        for (Face face : faces.values()) {
            regular.merge(familyKey(face.name()), face, (kept, next) ->
                    styleDistance(next.name()) < styleDistance(kept.name()) ? next : kept);
        }
        List<Face> chosen = faces.values().stream().filter(regular::containsValue).toList();
        return new Found(chosen, files.size(), found, excluded, faces.size() - chosen.size());
    }

    /** Renders the collection into {@code out}, which must be new or empty. */
    public static Summary write(Settings settings, Path out) throws IOException {
        Found found = findFaces(settings.fontFolders(), settings.exclude(), settings.allFaces());
        List<Face> faces = found.faces();
        if (faces.isEmpty()) {
            throw new IOException("no TrueType or OpenType font in " + settings.fontFolders()
                    + "; install font packages (see docs/RESULTS.md) or give --fonts DIR");
        }
        int[] codePoints = settings.chars().codePoints().distinct().toArray();
        GlyphRenderer renderer = new GlyphRenderer(settings.size());
        OutputFolders.createNewOrEmpty(out, "fonts folder");
        Rendered rendered = render(faces, codePoints, renderer);
        List<List<byte[]>> images = rendered.images();
        List<List<Face>> sources = rendered.sources();
        Map<String, Integer> kept = new LinkedHashMap<>();
        Map<String, Integer> dropped = new LinkedHashMap<>();
        Set<String> usedFaces = new HashSet<>();
        int total = 0;
        for (int i = 0; i < codePoints.length; i++) {
            String name = className(codePoints[i]);
            int n = images.get(i).size();
            if (n < settings.minFonts()) {
                dropped.put(name, n);
                continue;
            }
            kept.put(name, n);
            Path folder = out.resolve(name);
            Files.createDirectories(folder);
            for (int k = 0; k < n; k++) {
                Face face = sources.get(i).get(k);
                writePng(renderer, images.get(i).get(k), folder.resolve(face.fileName() + ".png"));
                usedFaces.add(face.fileName());
            }
            total += n;
        }
        Summary summary = new Summary(found.files(), found.facesFound(), found.facesExcluded(),
                found.otherFaces(), usedFaces.size(), kept, dropped,
                total, rendered.noGlyph(), rendered.sameAsOther(), rendered.duplicates());
        writeFontList(out.resolve("fonts.tsv"), faces, usedFaces);
        Files.writeString(out.resolve("README.txt"), readme(settings, summary), StandardCharsets.UTF_8);
        return summary;
    }

    /** Per class: the images kept, in font order, and the face each came from; what was left out. */
    private record Rendered(List<List<byte[]>> images, List<List<Face>> sources, int noGlyph,
            int sameAsOther, int duplicates) {}

    private static Rendered render(List<Face> faces, int[] codePoints, GlyphRenderer renderer) {
        List<List<byte[]>> images = new ArrayList<>();
        List<List<Face>> sources = new ArrayList<>();
        List<Set<Pixels>> seen = new ArrayList<>();
        for (int i = 0; i < codePoints.length; i++) {
            images.add(new ArrayList<>());
            sources.add(new ArrayList<>());
            seen.add(new HashSet<>());
        }
        int noGlyph = 0;
        int sameAsOther = 0;
        int duplicates = 0;
        for (Face face : faces) {
            byte[][] drawn = new byte[codePoints.length][];
            Map<Pixels, Integer> uses = new HashMap<>();
            byte[] missing = renderer.renderMissingGlyph(face.font());
            for (int i = 0; i < codePoints.length; i++) {
                byte[] pixels = renderer.render(face.font(), codePoints[i]);
                if (pixels == null || (missing != null && Arrays.equals(pixels, missing))) {
                    noGlyph++;
                    continue;
                }
                drawn[i] = pixels;
                uses.merge(new Pixels(pixels), 1, Integer::sum);
            }
            for (int i = 0; i < codePoints.length; i++) {
                if (drawn[i] == null) {
                    continue;
                }
                Pixels key = new Pixels(drawn[i]);
                if (uses.get(key) > 1) {
                    sameAsOther++;
                } else if (!seen.get(i).add(key)) {
                    duplicates++;
                } else {
                    images.get(i).add(drawn[i]);
                    sources.get(i).add(face);
                }
            }
        }
        return new Rendered(images, sources, noGlyph, sameAsOther, duplicates);
    }

    private static void writePng(GlyphRenderer renderer, byte[] pixels, Path file) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file)) {
            if (!ImageIO.write(renderer.toImage(pixels), "png", stream)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        }
    }

    /** Which face each image file name stands for, and the font file it was read from. */
    private static void writeFontList(Path file, List<Face> faces, Set<String> used) throws IOException {
        StringBuilder text = new StringBuilder("image name\tfont name\tfont file\n");
        for (Face face : faces) {
            if (used.contains(face.fileName())) {
                text.append(face.fileName()).append(".png\t").append(face.name()).append('\t')
                        .append(face.file()).append('\n');
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String readme(Settings settings, Summary summary) {
        return "Generated by: dml-workbench datasets fonts --size " + settings.size() + " --min-fonts "
                + settings.minFonts() + (settings.allFaces() ? " --all-faces" : "") + " --fonts " + settings.fontFolders().stream().map(Path::toString)
                        .collect(java.util.stream.Collectors.joining(" ")) + "\n"
                + "Characters: " + settings.chars() + "\n"
                + "Excluded font names: " + settings.exclude() + "\n"
                + "One folder per character, one " + settings.size() + "x" + settings.size()
                + " grey PNG per font (white glyph on black, anti-aliased, ink box centred, "
                + GlyphRenderer.EM_FRACTION + " of the side per em; shrunk only when too large).\n"
                + "Classes: " + summary.imagesPerClass().size() + ", images: " + summary.images()
                + ", fonts used: " + summary.facesUsed() + " (fonts.tsv lists them).\n"
                + "Files at this level are not images; the workbench reads the class folders only.\n";
    }

    /** Pixels compared by value, for finding identical images. */
    private record Pixels(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Pixels p && Arrays.equals(bytes, p.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
