package org.dmlworkbench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Labelled images of one size as unsigned bytes, each image channel-major (C planes of H rows of
 * W pixels). The pixels are held in memory or read from files when asked for ({@link PixelStore});
 * either way every image comes out at this set's size. Immutable.
 */
public final class ImageSet {

    private final int channels;
    private final int height;
    private final int width;
    private final PixelStore pixels;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> sources;

    /**
     * @param sources one entry per image naming where it came from (a file path, or "file#index"),
     *     or null when the images have no meaningful individual source
     */
    public ImageSet(int channels, int height, int width, byte[] pixels, int[] labels,
            List<String> classNames, List<String> sources) {
        this(channels, height, width, checkedMemory(channels, height, width, pixels, labels), labels,
                classNames, sources);
    }

    private static PixelStore checkedMemory(int channels, int height, int width, byte[] pixels,
            int[] labels) {
        if (channels < 1 || height < 1 || width < 1) {
            return new MemoryPixels(pixels, 1, 1, 1);
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixel buffer holds " + pixels.length
                    + " bytes but " + labels.length + " images of " + channels + "x" + height + "x"
                    + width + " need " + expected);
        }
        return new MemoryPixels(pixels, channels, height, width);
    }

    /** Images from any store; {@code pixels.size()} must equal the number of labels. */
    public ImageSet(int channels, int height, int width, PixelStore pixels, int[] labels,
            List<String> classNames, List<String> sources) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (pixels.size() != labels.length) {
            throw new IllegalArgumentException(pixels.size() + " images for " + labels.length + " labels");
        }
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException("label " + label + " is outside the "
                        + classNames.size() + " classes " + classNames);
            }
        }
        if (sources != null && sources.size() != labels.length) {
            throw new IllegalArgumentException(sources.size() + " sources for " + labels.length + " images");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.sources = sources == null ? null : List.copyOf(sources);
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes per image: channels x height x width. */
    public int imageBytes() {
        return channels * height * width;
    }

    public int label(int index) {
        return labels[index];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The size of the class list (classes without images here included). */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * The largest label plus one: how many outputs a classifier trained on this set needs (the
     * classes of a data set's training set come first in its class list).
     */
    public int labelBound() {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max + 1;
    }

    public Optional<String> source(int index) {
        Objects.checkIndex(index, labels.length);
        return sources == null ? Optional.empty() : Optional.ofNullable(sources.get(index));
    }

    /** Unsigned pixel value of image {@code index} at (channel, row, column), 0..255. */
    public int pixel(int index, int channel, int row, int column) {
        int offset = channel * height * width + row * width + column;
        if (pixels instanceof MemoryPixels memory) {
            return memory.pixels()[index * imageBytes() + offset] & 0xFF;
        }
        byte[] image = new byte[imageBytes()];
        pixels.copyImage(index, image, 0);
        return image[offset] & 0xFF;
    }

    /** Copies image {@code index} (C*H*W bytes) into {@code destination} at {@code offset}. */
    public void copyImage(int index, byte[] destination, int offset) {
        pixels.copyImage(index, destination, offset);
    }

    /** Image {@code index} before it was brought to this set's size: what augmentation crops. */
    public Planes original(int index) {
        return pixels.original(index);
    }

    /** Where the pixels come from (memory or files). */
    public PixelStore store() {
        return pixels;
    }

    /** Per-class image counts, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** A new set holding the given images in the given order. */
    public ImageSet subset(int[] indices) {
        int[] subLabels = new int[indices.length];
        List<String> subSources = sources == null ? null : new java.util.ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            subLabels[i] = labels[indices[i]];
            if (subSources != null) {
                subSources.add(sources.get(indices[i]));
            }
        }
        return new ImageSet(channels, height, width, pixels.subset(indices), subLabels, classNames,
                subSources);
    }

    /**
     * All images of {@code sets} in order, one after the other, relabelled by {@code relabel}
     * (old label to new) into {@code classNames}; the sets must share image size and class list.
     */
    public static ImageSet pool(List<ImageSet> sets, int[] relabel, List<String> classNames) {
        ImageSet first = sets.get(0);
        int bytes = first.imageBytes();
        long total = 0;
        for (ImageSet set : sets) {
            if (set.imageBytes() != bytes || !set.classNames.equals(first.classNames)) {
                throw new IllegalArgumentException("only sets of one image size and class list pool");
            }
            total += set.size();
        }
        int[] labels = new int[(int) total];
        List<String> sources = new java.util.ArrayList<>((int) total);
        boolean withSources = sets.stream().allMatch(set -> set.sources != null);
        int at = 0;
        for (ImageSet set : sets) {
            for (int i = 0; i < set.size(); i++) {
                labels[at + i] = relabel[set.labels[i]];
                if (withSources) {
                    sources.add(set.sources.get(i));
                }
            }
            at += set.size();
        }
        PixelStore pixels = PixelStores.concat(sets.stream().map(ImageSet::store).toList());
        return new ImageSet(first.channels, first.height, first.width, pixels, labels, classNames,
                withSources ? sources : null);
    }

    /** Order-sensitive content key of pixels (or files) and labels, for run provenance. */
    public String contentFingerprint() {
        return pixels.fingerprint(labels);
    }

    @Override
    public String toString() {
        return size() + " images " + channels + "x" + height + "x" + width + ", "
                + classNames.size() + " classes, counts " + Arrays.toString(classCounts());
    }
}
