package org.dmlworkbench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Labelled images of one size held in memory as unsigned bytes, each image stored channel-major
 * (C planes of H rows of W pixels). Immutable: {@link #subset} copies.
 */
public final class ImageSet {

    private final int channels;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> sources;

    /**
     * @param sources one entry per image naming where it came from (a file path, or "file#index"),
     *     or null when the images have no meaningful individual source
     */
    public ImageSet(int channels, int height, int width, byte[] pixels, int[] labels,
            List<String> classNames, List<String> sources) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixel buffer holds " + pixels.length
                    + " bytes but " + labels.length + " images of " + channels + "x" + height + "x"
                    + width + " need " + expected);
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
        return pixels[(int) ((long) index * imageBytes() + (long) channel * height * width
                + (long) row * width + column)] & 0xFF;
    }

    /** Copies image {@code index} (C*H*W bytes) into {@code destination} at {@code offset}. */
    public void copyImage(int index, byte[] destination, int offset) {
        System.arraycopy(pixels, index * imageBytes(), destination, offset, imageBytes());
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
        int bytes = imageBytes();
        byte[] sub = new byte[Math.multiplyExact(indices.length, bytes)];
        int[] subLabels = new int[indices.length];
        List<String> subSources = sources == null ? null : new java.util.ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * bytes, sub, i * bytes, bytes);
            subLabels[i] = labels[indices[i]];
            if (subSources != null) {
                subSources.add(sources.get(indices[i]));
            }
        }
        return new ImageSet(channels, height, width, sub, subLabels, classNames, subSources);
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
        byte[] pixels = new byte[Math.toIntExact(total * bytes)];
        int[] labels = new int[(int) total];
        List<String> sources = new java.util.ArrayList<>((int) total);
        boolean withSources = sets.stream().allMatch(set -> set.sources != null);
        int at = 0;
        for (ImageSet set : sets) {
            System.arraycopy(set.pixels, 0, pixels, at * bytes, set.pixels.length);
            for (int i = 0; i < set.size(); i++) {
                labels[at + i] = relabel[set.labels[i]];
                if (withSources) {
                    sources.add(set.sources.get(i));
                }
            }
            at += set.size();
        }
        return new ImageSet(first.channels, first.height, first.width, pixels, labels, classNames,
                withSources ? sources : null);
    }

    /** Order-sensitive content hash of pixels and labels, for run provenance. */
    public String contentFingerprint() {
        return Fingerprints.sha256(pixels, labels);
    }

    @Override
    public String toString() {
        return size() + " images " + channels + "x" + height + "x" + width + ", "
                + classNames.size() + " classes, counts " + Arrays.toString(classCounts());
    }
}
