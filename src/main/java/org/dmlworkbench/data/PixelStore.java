package org.dmlworkbench.data;

/**
 * Where the pixels of an {@link ImageSet} come from: held in memory ({@link MemoryPixels}), or
 * read from image files when asked for ({@link FilePixels}), so a collection larger than memory
 * can be trained on. Every image comes out at the set's size and channels (the evaluation
 * transform: resize and centre crop), channel-major; {@link #original} gives the image before
 * that transform, for augmentation. Thread-safe: loader threads read concurrently.
 */
public interface PixelStore {

    /** How many images. */
    int size();

    /** Image {@code index} at the set's size: C*H*W bytes into {@code destination}. */
    void copyImage(int index, byte[] destination, int offset);

    /** Image {@code index} as decoded, before resizing (for augmentation). */
    Planes original(int index);

    /** The images at {@code indices}, in that order. */
    PixelStore subset(int[] indices);

    /**
     * A content key of the images with their labels, recorded in run configs: a hash of the
     * pixels for memory, of the files' names, sizes and modification times for files.
     */
    String fingerprint(int[] labels);

    /** True when asking for an image may read a file (the loader then reads ahead on threads). */
    boolean readsFiles();

    /** Bytes held in memory for the pixels (the cache's ceiling for files). */
    long memoryBytes();
}
