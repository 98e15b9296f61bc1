package org.dmlworkbench.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads images with ImageIO and converts them to channel-major bytes by a {@link ConversionPolicy}.
 * Resampling is separable: area averaging where an axis shrinks (no aliasing however large the
 * reduction), bilinear where it grows, so the result is defined exactly and testable by hand.
 */
public final class ImageConversion {

    /** Images above this many pixels are refused before decoding, so one file cannot exhaust memory. */
    public static final long MAX_PIXELS = 100_000_000L;

    /**
     * The most memory one decoded image may take. A larger image (a 100-megapixel 16-bit PNG
     * would need 800 MB) is decoded with every s-th pixel of every s-th row, the smallest s that
     * fits; still thousands of pixels across, far more than a model's input needs.
     */
    public static final long DECODE_BUDGET_BYTES = 64L << 20;

    /** What the header of an image file says, read without decoding the pixels. */
    public record ImageInfo(int width, int height, boolean grey) {}

    private ImageConversion() {}

    /** Decodes an image file; a missing, empty, non-image or corrupt file is a DataFormatException. */
    public static BufferedImage readImage(Path file) {
        ImageReaders.checkFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return readImage(in, file.toString());
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes an image file as a data set's images are decoded for a model of {@code modelSide}
     * pixels ({@link #readImage(InputStream, String, int)}): a query then gets the same pixels as
     * the same file in the run's data, not a finer decode of it.
     */
    public static BufferedImage readImage(Path file, int modelSide) {
        ImageReaders.checkFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return readImage(in, file.toString(), modelSide);
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Decodes an image from {@code in} (not closed); {@code source} names it in errors. */
    public static BufferedImage readImage(InputStream in, String source) {
        return readImage(in, source, 0);
    }

    /**
     * Decodes an image, subsampled where it is larger than needed: within the memory budget, and,
     * when {@code modelSide} is positive, to no less than three times that side on its shorter
     * side (enough for crops and resizing; a 4000x3000 photo for a 224-pixel model decodes at
     * 1000x750, several times faster).
     */
    public static BufferedImage readImage(InputStream in, String source, int modelSide) {
        try (ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
            ImageReader reader = ImageReaders.openReader(stream, source);
            try {
                ImageReaders.checkPixelCount(reader, source);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                int step = ImageReaders.subsampling(reader);
                if (modelSide > 0) {
                    int shorter = Math.min(reader.getWidth(0), reader.getHeight(0));
                    step = Math.max(step, shorter / (3 * modelSide));
                }
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                for (String warning : warnings) {
                    String lower = warning.toLowerCase(Locale.ROOT);
                    if (lower.contains("truncated") || lower.contains("premature end")) {
                        throw new DataFormatException(source, "is truncated (" + warning
                                + "); the decoder would fill the missing part with grey");
                    }
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw ImageReaders.wrap(source, e);
        } catch (OutOfMemoryError e) {
            throw new DataFormatException(source, "is too large to decode in the memory Java may use"
                    + " here (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB); give Java more"
                    + " (JAVA_TOOL_OPTIONS=-Xmx4g) or leave the file out");
        }
    }

    /** Size and colour type from the header only. */
    public static ImageInfo probe(InputStream in, String source) {
        try (ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
            ImageReader reader = ImageReaders.openReader(stream, source);
            try {
                ImageReaders.checkPixelCount(reader, source);
                ImageTypeSpecifier type = reader.getRawImageType(0);
                if (type == null) {
                    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                    type = types.hasNext() ? types.next() : null;
                }
                boolean grey = type != null && isGrey(type.getColorModel());
                return new ImageInfo(reader.getWidth(0), reader.getHeight(0), grey);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw ImageReaders.wrap(source, e);
        }
    }

    /** Stored as grey: a grey colour space, or a palette whose entries are all grey. */
    public static boolean isGrey(ColorModel model) {
        if (model instanceof IndexColorModel palette) {
            for (int i = 0; i < palette.getMapSize(); i++) {
                int r = palette.getRed(i);
                if (r != palette.getGreen(i) || r != palette.getBlue(i)) {
                    return false;
                }
            }
            return true;
        }
        return model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /**
     * Converts an image to channel-major bytes of the policy's size. Alpha is ignored (colour values
     * are kept as stored, as PIL's convert does).
     */
    public static byte[] toPixels(BufferedImage image, ConversionPolicy policy) {
        if (!policy.isComplete()) {
            throw new IllegalArgumentException("conversion policy not decided: " + policy.describe());
        }
        return toPixels(planes(image, policy.channels()), policy);
    }

    /** The image's planes in {@code channels} channels (grey replicated, or luma of colour). */
    public static Planes planes(BufferedImage image, int channels) {
        float[][] values = toChannels(sourcePlanes(image), channels);
        return new Planes(channels, image.getHeight(), image.getWidth(), values);
    }

    /**
     * Planes brought to the policy's size: scaled to cover it and cut to its centre (the
     * evaluation transform), or stretched.
     */
    public static byte[] toPixels(Planes image, ConversionPolicy policy) {
        int w = image.width();
        int h = image.height();
        double regionWidth = w;
        double regionHeight = h;
        if (policy.resizeMode() == ConversionPolicy.ResizeMode.CENTER_CROP) {
            double scale = Math.max((double) policy.width() / w, (double) policy.height() / h);
            regionWidth = Math.min(w, policy.width() / scale);
            regionHeight = Math.min(h, policy.height() / scale);
        }
        return region(image, (w - regionWidth) / 2, (h - regionHeight) / 2, regionWidth,
                regionHeight, policy.height(), policy.width(), false);
    }

    /**
     * The region (x, y, width, height, in source pixels; fractions allowed) of the image,
     * resampled to outHeight x outWidth (area averaging where it shrinks, bilinear where it
     * grows), optionally mirrored left to right; channel-major bytes.
     */
    public static byte[] region(Planes image, double x, double y, double regionWidth,
            double regionHeight, int outHeight, int outWidth, boolean mirror) {
        Resampler columns = new Resampler(image.width(), x, regionWidth, outWidth);
        Resampler rows = new Resampler(image.height(), y, regionHeight, outHeight);
        int plane = outHeight * outWidth;
        byte[] out = new byte[image.channels() * plane];
        for (int c = 0; c < image.channels(); c++) {
            float[] resized = rows.applyToColumns(columns.applyToRows(image.values()[c], image.height()),
                    outWidth);
            for (int row = 0; row < outHeight; row++) {
                for (int col = 0; col < outWidth; col++) {
                    float v = resized[row * outWidth + (mirror ? outWidth - 1 - col : col)];
                    out[c * plane + row * outWidth + col] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return out;
    }

    /**
     * The set converted by {@code requested} (AUTO fields keep the set's own channels and size);
     * the same set when nothing changes.
     */
    public static ImageSet convert(ImageSet set, ConversionPolicy requested) {
        ConversionPolicy policy = complete(requested, set);
        if (policy.channels() == set.channels() && policy.height() == set.height()
                && policy.width() == set.width()) {
            return set;
        }
        int bytes = policy.imageBytes();
        byte[] pixels = new byte[Math.multiplyExact(set.size(), bytes)];
        for (int i = 0; i < set.size(); i++) {
            System.arraycopy(toPixels(toImage(set, i), policy), 0, pixels, i * bytes, bytes);
        }
        List<String> sources = null;
        if (set.size() > 0 && set.source(0).isPresent()) {
            sources = new ArrayList<>(set.size());
            for (int i = 0; i < set.size(); i++) {
                sources.add(set.source(i).orElseThrow());
            }
        }
        return new ImageSet(policy.channels(), policy.height(), policy.width(), pixels, set.labels(),
                set.classNames(), sources);
    }

    /** {@code requested} with AUTO fields taken from the set's own shape. */
    public static ConversionPolicy complete(ConversionPolicy requested, ImageSet set) {
        ConversionPolicy policy = requested;
        if (!policy.hasChannels()) {
            policy = policy.withChannels(set.channels());
        }
        if (!policy.hasSize()) {
            policy = policy.withSize(set.height(), set.width());
        }
        return policy;
    }

    /** Image {@code index} of the set as a grey or RGB BufferedImage (for thumbnails and export). */
    public static BufferedImage toImage(ImageSet set, int index) {
        int w = set.width();
        int h = set.height();
        byte[] pixels = new byte[set.imageBytes()];
        set.copyImage(index, pixels, 0);
        if (set.channels() == 1) {
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            // The raster, not setRGB: setRGB would pass grey through a colour-space conversion.
            image.getRaster().setDataElements(0, 0, w, h, pixels);
            return image;
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = w * h;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = (pixels[i] & 0xFF) << 16 | (pixels[plane + i] & 0xFF) << 8 | (pixels[2 * plane + i] & 0xFF);
        }
        image.setRGB(0, 0, w, h, rgb, 0, w);
        return image;
    }

    /**
     * Fills the AUTO fields of {@code requested}: channels 1 when every image is stored grey, else
     * 3; size the most common size among the training images (ties: the larger area, then the
     * larger height).
     */
    public static ConversionPolicy decide(ConversionPolicy requested, List<ImageInfo> allImages,
            List<ImageInfo> trainingImages) {
        ConversionPolicy policy = requested;
        if (!policy.hasChannels()) {
            policy = policy.withChannels(allImages.stream().allMatch(ImageInfo::grey) ? 1 : 3);
        }
        if (!policy.hasSize()) {
            if (trainingImages.isEmpty()) {
                throw new IllegalArgumentException("no training images to decide the image size from");
            }
            Map<List<Integer>, Integer> counts = new HashMap<>();
            for (ImageInfo info : trainingImages) {
                counts.merge(List.of(info.height(), info.width()), 1, Integer::sum);
            }
            List<Integer> size = counts.entrySet().stream()
                    .max(Comparator.<Map.Entry<List<Integer>, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparingLong(e -> (long) e.getKey().get(0) * e.getKey().get(1))
                            .thenComparingInt(e -> e.getKey().get(0)))
                    .orElseThrow().getKey();
            policy = policy.withSize(size.get(0), size.get(1));
        }
        return policy;
    }

    /** The image's own planes, 0..255: one for grey images, three (R, G, B) otherwise. */
    static float[][] sourcePlanes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        if (!(model instanceof IndexColorModel) && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // Read grey samples as stored: getRGB would apply a gamma conversion to them.
            Raster raster = image.getRaster();
            int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, 0, (int[]) null);
            float scale = 255f / ((1 << model.getComponentSize(0)) - 1);
            float[] grey = new float[w * h];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = samples[i] * scale;
            }
            return new float[][] {grey};
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        boolean grey = isGrey(model);
        float[][] planes = new float[grey ? 1 : 3][w * h];
        for (int i = 0; i < argb.length; i++) {
            planes[0][i] = (argb[i] >> 16) & 0xFF;
            if (!grey) {
                planes[1][i] = (argb[i] >> 8) & 0xFF;
                planes[2][i] = argb[i] & 0xFF;
            }
        }
        return planes;
    }

    /** Grey to RGB by replication, RGB to grey by ITU-R BT.601 luma (as PIL's "L" mode). */
    static float[][] toChannels(float[][] planes, int channels) {
        if (planes.length == channels) {
            return planes;
        }
        if (channels == 3) {
            return new float[][] {planes[0], planes[0], planes[0]};
        }
        float[] luma = new float[planes[0].length];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = 0.299f * planes[0][i] + 0.587f * planes[1][i] + 0.114f * planes[2][i];
        }
        return new float[][] {luma};
    }

    /** Why a named pipe or device cannot be read as an image (opening one can block forever). */
    public static final String NOT_REGULAR = "is not a regular file (a named pipe, device or"
            + " socket), so it cannot be an image; remove it from the folder, or give --skip-bad";
}
