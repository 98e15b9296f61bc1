package org.dmlworkbench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dmlworkbench.progress.ProgressListener;

/**
 * The bundled default set: 2,000 training and 500 test images of Fashion-MNIST as PNG class
 * folders in sample-data/fashion-mnist, packed into the jar. Read from the classpath (listed by
 * its index.txt, since a jar cannot be listed) or from a checkout's sample-data folder.
 */
public final class SampleDataset {

    public static final String NAME = "sample";
    public static final String RESOURCE_ROOT = "sample-data/fashion-mnist";
    /** Relative to the working directory: the checkout's copy. */
    public static final Path CHECKOUT_FOLDER = Path.of("sample-data", "fashion-mnist");

    private SampleDataset() {}

    /** From the classpath index, if the classpath holds it. */
    public static Optional<Dataset> fromClasspath(ConversionPolicy requested, boolean skipBad,
            ProgressListener progress) {
        ClassLoader loader = SampleDataset.class.getClassLoader();
        URL index = loader.getResource(RESOURCE_ROOT + "/" + ImageFolderExporter.INDEX_FILE);
        if (index == null) {
            return Optional.empty();
        }
        String location = "classpath:" + RESOURCE_ROOT;
        List<String> lines;
        try (InputStream in = index.openStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines = reader.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new DataFormatException(index.toString(), "cannot be read: " + e.getMessage(), e);
        }
        ImageFolderReader.Listing listing = ImageFolderListing.fromIndex(lines, location,
                line -> () -> loader.getResourceAsStream(RESOURCE_ROOT + "/" + line));
        return Optional.of(ImageFolderReader.read(listing, NAME, requested, skipBad, progress));
    }

    /** From a folder holding the sample's train/ and test/ folders. */
    public static Optional<Dataset> fromFolder(Path folder, ConversionPolicy requested, boolean skipBad,
            ProgressListener progress) {
        if (!Files.isDirectory(folder.resolve(ImageFolderReader.TRAIN))) {
            return Optional.empty();
        }
        return Optional.of(ImageFolderReader.read(folder, NAME, requested, skipBad, progress));
    }
}
