package org.dmlworkbench.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Turns a batch of indices into the tensors a model takes, with one array creation each. */
public final class BatchTensors {

    private BatchTensors() {}

    /**
     * Float32 (B, C, H, W) of the images at {@code indices}, normalised by {@code normalization}
     * (null: v/255). The array belongs to {@code manager}: pass a sub-manager inside loops.
     */
    public static NDArray images(NDManager manager, ImageSet set, int[] indices, Normalization normalization) {
        Normalization norm = normalization != null ? normalization : Normalization.identity(set.channels());
        if (norm.channels() != set.channels()) {
            throw new IllegalArgumentException("normalisation has " + norm.channels()
                    + " channels but the images have " + set.channels());
        }
        int bytes = set.imageBytes();
        int plane = set.height() * set.width();
        byte[] image = new byte[bytes];
        float[] values = new float[Math.multiplyExact(indices.length, bytes)];
        for (int i = 0; i < indices.length; i++) {
            set.copyImage(indices[i], image, 0);
            norm.apply(image, 0, plane, values, i * bytes);
        }
        return manager.create(values, new Shape(indices.length, set.channels(), set.height(), set.width()));
    }

    /** Int64 (B) of the labels at {@code indices}. */
    public static NDArray labels(NDManager manager, ImageSet set, int[] indices) {
        long[] labels = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            labels[i] = set.label(indices[i]);
        }
        return manager.create(labels);
    }
}
