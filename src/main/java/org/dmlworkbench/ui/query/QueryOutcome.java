package org.dmlworkbench.ui.query;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.dmlworkbench.data.ImageConversion;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.search.ImageSearch;
import org.dmlworkbench.search.Neighbor;
import org.dmlworkbench.ui.runview.LoadedRun;
import org.dmlworkbench.ui.runview.Thumbnails;

/**
 * The answer to one query image, ready to show.
 *
 * @param name the file name (or "test #12" for a map point)
 * @param preview the query image, at most {@link #PREVIEW_SIZE} pixels on its longer side
 * @param modelInput the image as the model received it (converted size and colour)
 * @param conversion how the image was adapted to the model, in words
 * @param label the query's class when known (from its folder, or the map point), else -1
 * @param className that class's name, or null
 * @param precision share of the neighbours with the query's class, NaN when the class is unknown
 * @param gallery "train" or "test"
 * @param hits the neighbours, nearest first
 * @param leftOutItself whether the query was itself in the gallery and was left out
 */
public record QueryOutcome(String name, Image preview, Image modelInput, String conversion,
        int label, String className, double precision, String gallery, List<Hit> hits,
        boolean leftOutItself) {

    /** Longest side of the preview image. */
    static final int PREVIEW_SIZE = 160;

    /** One neighbour: gallery item, class, distance, thumbnail. */
    public record Hit(int index, int label, String className, double distance, Image thumbnail) {}

    public boolean hasLabel() {
        return label >= 0;
    }

    static QueryOutcome ofFile(ImageSearch search, LoadedRun run, Path file, int k) {
        // decoded as the run's data decodes its images: the model input is the evaluation transform's
        BufferedImage image = search.readQuery(file);
        return ofImage(search, run, image, file.getFileName().toString(),
                search.labelFromFolder(file), k);
    }

    /** An image in memory; {@code label} is its class in the run's data, or -1 when unknown. */
    static QueryOutcome ofImage(ImageSearch search, LoadedRun run, BufferedImage image, String name,
            int label, int k) {
        return of(search, run, image, search.query(image, name, label, k));
    }

    /** A point of the shown split: when the gallery is that split, the point itself is left out. */
    static QueryOutcome ofMapPoint(ImageSearch search, LoadedRun run, int index, int k) {
        ImageSet points = run.points();
        // a store has classes of its own: the point's class in the run's data does not apply
        int label = search.store() == null ? points.label(index) : -1;
        ImageSearch.Result result = search.queryItem(points, index, label, k, run.split() + " #" + index);
        return of(search, run, ImageConversion.toImage(points, index), result);
    }

    /** The search's answer with the query's preview (the image as given) and the neighbours' thumbnails. */
    private static QueryOutcome of(ImageSearch search, LoadedRun run, BufferedImage image,
            ImageSearch.Result result) {
        ImageSet gallery = search.gallerySet();
        int label = result.queryLabel();
        List<Hit> hits = new ArrayList<>(result.neighbors().size());
        for (Neighbor n : result.neighbors()) {
            // a store's items are files: their thumbnails are read from the files themselves
            hits.add(new Hit(n.index(), n.label(), className(search, run, n.label()), n.distance(),
                    gallery != null ? Thumbnails.of(gallery, n.index()) : fileThumbnail(n.source())));
        }
        String gallerySplit = gallery == null ? "store" : gallery == run.dataset().train() ? "train" : "test";
        return new QueryOutcome(result.source(), SwingFXUtils.toFXImage(shrink(image), null),
                modelInput(run, result.modelInput()), result.conversion(), label,
                label >= 0 ? className(search, run, label) : null, result.precision(), gallerySplit,
                List.copyOf(hits), result.leftOutItself());
    }

    /** Class names come from the gallery: a store has its own (its folders), a split the run's. */
    private static String className(ImageSearch search, LoadedRun run, int label) {
        if (search.store() == null) {
            return run.className(label);
        }
        List<String> names = search.classNames();
        return label >= 0 && label < names.size() ? names.get(label) : "no class";
    }

    /** The gallery file shrunk to a preview, or null when it cannot be read any more. */
    private static Image fileThumbnail(String source) {
        try {
            return SwingFXUtils.toFXImage(shrink(ImageConversion.readImage(Path.of(source))), null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The pixels the model embedded, as an image. */
    private static Image modelInput(LoadedRun run, byte[] pixels) {
        RunManifest.DataInfo data = run.manifest().data();
        ImageSet one = new ImageSet(data.channels(), data.height(), data.width(), pixels,
                new int[] {0}, List.of("query"), null);
        return SwingFXUtils.toFXImage(ImageConversion.toImage(one, 0), null);
    }

    /** A large photo would make a large JavaFX image for a small preview: scale it down first. */
    private static BufferedImage shrink(BufferedImage image) {
        int longer = Math.max(image.getWidth(), image.getHeight());
        if (longer <= PREVIEW_SIZE) {
            return image;
        }
        double scale = (double) PREVIEW_SIZE / longer;
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return small;
    }
}
