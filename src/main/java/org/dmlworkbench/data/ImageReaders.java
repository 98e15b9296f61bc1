package org.dmlworkbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * What {@link ImageConversion} checks before and around decoding one image: the file is a regular
 * file, its bytes are not empty and in a format ImageIO reads, the pixel count its header declares
 * is within {@link ImageConversion#MAX_PIXELS}, and how far it must be subsampled to decode within
 * {@link ImageConversion#DECODE_BUDGET_BYTES}. Every failure is a {@link DataFormatException} that
 * names the file.
 */
final class ImageReaders {

    private ImageReaders() {}

    /** Refuses a folder, a missing file and anything not a regular file, before it is opened. */
    static void checkFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, "is a folder, not an image file");
        }
        if (!Files.exists(file)) {
            throw new DataFormatException(file, "does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, ImageConversion.NOT_REGULAR);
        }
    }

    static ImageReader openReader(ImageInputStream stream, String source) throws IOException {
        stream.mark();
        if (stream.read() < 0) {
            throw new DataFormatException(source, "is empty (0 bytes), not an image");
        }
        stream.reset();
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        if (!readers.hasNext()) {
            throw new DataFormatException(source, "is not an image format Java can read "
                    + "(PNG, JPEG, GIF, BMP, TIFF, WBMP expected)");
        }
        ImageReader reader = readers.next();
        reader.setInput(stream, true, true);
        return reader;
    }

    static void checkPixelCount(ImageReader reader, String source) throws IOException {
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > ImageConversion.MAX_PIXELS || pixels <= 0) {
            throw new DataFormatException(source, "declares " + reader.getWidth(0) + "x"
                    + reader.getHeight(0) + " pixels, outside 1.." + ImageConversion.MAX_PIXELS);
        }
    }

    /**
     * The decimation step that keeps the decoded raster within
     * {@link ImageConversion#DECODE_BUDGET_BYTES}.
     */
    static int subsampling(ImageReader reader) throws IOException {
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        long bytesPerPixel = 4;
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (types.hasNext()) {
            java.awt.image.SampleModel model = types.next().getSampleModel();
            long bits = 0;
            for (int size : model.getSampleSize()) {
                bits += size;
            }
            // rasters keep whole bytes per sample; colour conversion may add an RGB copy
            bytesPerPixel = Math.max(4, (bits + 7) / 8 * 2);
        }
        double ratio = (double) pixels * bytesPerPixel / ImageConversion.DECODE_BUDGET_BYTES;
        return ratio <= 1 ? 1 : (int) Math.ceil(Math.sqrt(ratio));
    }

    static DataFormatException wrap(String source, Exception e) {
        if (e instanceof DataFormatException d) {
            return d;
        }
        Throwable cause = e.getCause();
        String detail = e.getMessage() + (cause != null && cause.getMessage() != null
                ? " (" + cause.getMessage() + ")" : "");
        return new DataFormatException(source, "is corrupt or not a readable image: " + detail, e);
    }
}
