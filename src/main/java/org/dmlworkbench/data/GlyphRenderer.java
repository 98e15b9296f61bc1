package org.dmlworkbench.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Draws one glyph of a font as a square grey image: white (255) on black (0), anti-aliased, the
 * glyph's ink box centred. Every glyph is drawn at the same font size ({@link #EM_FRACTION} of
 * the image side per em), so a lower-case letter stays smaller than its capital; only a glyph
 * too large for the image (a swash capital, a wide Cyrillic letter) is shrunk to fit.
 *
 * <p>The outline is taken at a large size and filled by Java 2D's own rasteriser, not drawn as
 * text: no hinting, no sub-pixel tricks of the platform's text renderer, so the same font file
 * gives the same pixels on every machine with the same Java version.
 */
public final class GlyphRenderer {

    /** Font size as a fraction of the image side: 24 px per em at 32 px, cap height about 17 px. */
    public static final double EM_FRACTION = 0.75;
    /** The outline is read at this many pixels per em, where hinting no longer changes it. */
    private static final float OUTLINE_EM = 1000f;
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    private final int size;
    private final double margin;

    /** @param size the image side in pixels (at least 8) */
    public GlyphRenderer(int size) {
        if (size < 8) {
            throw new IllegalArgumentException("--size must be at least 8 pixels, got " + size);
        }
        this.size = size;
        this.margin = Math.max(1, size / 16.0);
    }

    public int size() {
        return size;
    }

    /**
     * The image of {@code codePoint} in {@code font}, row-major grey bytes, or null when the font
     * has no glyph of its own for it (it cannot display it, maps it to the missing glyph, or its
     * glyph has no ink, like a space).
     */
    public byte[] render(Font font, int codePoint) {
        if (!font.canDisplay(codePoint)) {
            return null;
        }
        Font large = font.deriveFont(OUTLINE_EM);
        GlyphVector glyphs = large.createGlyphVector(CONTEXT, new String(Character.toChars(codePoint)));
        if (glyphs.getNumGlyphs() != 1 || glyphs.getGlyphCode(0) == font.getMissingGlyphCode()) {
            return null;
        }
        return draw(glyphs.getGlyphOutline(0));
    }

    /** The image of the font's missing-glyph box (.notdef), or null when that glyph is empty. */
    public byte[] renderMissingGlyph(Font font) {
        Font large = font.deriveFont(OUTLINE_EM);
        GlyphVector glyphs = large.createGlyphVector(CONTEXT, new int[] {font.getMissingGlyphCode()});
        return draw(glyphs.getGlyphOutline(0));
    }

    private byte[] draw(Shape outline) {
        Rectangle2D box = outline.getBounds2D();
        if (box.isEmpty()) {
            return null;
        }
        double scale = size * EM_FRACTION / OUTLINE_EM;
        double room = size - 2 * margin;
        scale = Math.min(scale, room / Math.max(box.getWidth(), box.getHeight()));
        AffineTransform place = new AffineTransform();
        place.translate(size / 2.0, size / 2.0);
        place.scale(scale, scale);
        place.translate(-box.getCenterX(), -box.getCenterY());

        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, size, size);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fill(place.createTransformedShape(outline));
        } finally {
            g.dispose();
        }
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (byte value : pixels) {
            if (value != 0) {
                return pixels.clone();
            }
        }
        return null; // ink too thin to reach a pixel at this size
    }

    /** A grey image of the given pixels, for writing. */
    public BufferedImage toImage(byte[] pixels) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, size, size, pixels);
        return image;
    }
}
