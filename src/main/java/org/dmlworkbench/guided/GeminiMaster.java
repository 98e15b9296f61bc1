package org.dmlworkbench.guided;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The GEMINI master of Guided DML: one local stream f_k per class and one shared global head g,
 * so an image routed through stream k embeds as g(f_k(x)). Layers as in the authors' code:
 * f_k = conv 5x5 (32, no padding) - PReLU - max-pool 2 - conv 5x5 (64) - PReLU - max-pool 2 -
 * flatten; g = FC 256 - PReLU - FC 256 - PReLU - FC dim, no normalisation.
 *
 * <p>Forward takes either {@code (images, stream)} and returns {@code g(f_stream(images))}, or a
 * triplet batch {@code (anchors, positives, negatives, pair)} with {@code pair = [k, l]} and
 * returns {@code (f_k(a), f_k(p), g(f_k(a)), g(f_k(p)), g(f_l(n)))}; with {@code (anchors,
 * positives, pair)} (Eq. 6, no negative images) it returns the first four. Only the streams
 * named run, so only their parameters enter the graph.
 */
public final class GeminiMaster extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int classes;
    private final int inputChannels;
    private final int dim;
    private final List<Block> streams = new ArrayList<>();
    private final Block global;

    public GeminiMaster(int classes, int inputChannels, int dim) {
        super(VERSION);
        if (classes < 2) {
            throw new IllegalArgumentException("the GEMINI master needs at least 2 classes, got " + classes);
        }
        this.classes = classes;
        this.inputChannels = inputChannels;
        this.dim = dim;
        for (int k = 0; k < classes; k++) {
            streams.add(addChildBlock("stream" + k, stream()));
        }
        global = addChildBlock("global", new SequentialBlock()
                .add(Linear.builder().setUnits(256).build())
                .add(prelu())
                .add(Linear.builder().setUnits(256).build())
                .add(prelu())
                .add(Linear.builder().setUnits(dim).build()));
    }

    private static Block stream() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(32).build())
                .add(prelu())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(64).build())
                .add(prelu())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock());
    }

    private static Block prelu() {
        return new ParametricRelu();
    }

    public int classes() {
        return classes;
    }

    public int dim() {
        return dim;
    }

    /** The local stream of class k. */
    public Block stream(int k) {
        return streams.get(k);
    }

    public Block global() {
        return global;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() == 2) {
            int k = stream(inputs.get(1));
            NDArray features = local(store, inputs.get(0), k, training);
            return new NDList(head(store, features, training));
        }
        if (inputs.size() != 3 && inputs.size() != 4) {
            throw new IllegalArgumentException("the master takes (images, stream), (anchors,"
                    + " positives, pair) or (anchors, positives, negatives, pair), got "
                    + inputs.size() + " arrays");
        }
        long[] pair = inputs.get(inputs.size() - 1).toLongArray();
        int k = checkStream(pair[0]);
        NDArray fa = local(store, inputs.get(0), k, training);
        NDArray fp = local(store, inputs.get(1), k, training);
        NDArray ga = head(store, fa, training);
        NDArray gp = head(store, fp, training);
        if (inputs.size() == 3) {
            return new NDList(fa, fp, ga, gp);
        }
        int l = checkStream(pair[1]);
        NDArray gn = head(store, local(store, inputs.get(2), l, training), training);
        return new NDList(fa, fp, ga, gp, gn);
    }

    private NDArray local(ParameterStore store, NDArray images, int k, boolean training) {
        if (images.getShape().dimension() != 4 || images.getShape().get(1) != inputChannels) {
            throw new IllegalArgumentException("the master takes (batch, " + inputChannels
                    + ", height, width) images, got " + images.getShape());
        }
        return streams.get(k).forward(store, new NDList(images), training).singletonOrThrow();
    }

    private NDArray head(ParameterStore store, NDArray features, boolean training) {
        return global.forward(store, new NDList(features), training).singletonOrThrow();
    }

    private int stream(NDArray index) {
        return checkStream(index.toLongArray()[0]);
    }

    private int checkStream(long k) {
        if (k < 0 || k >= classes) {
            throw new IllegalArgumentException("no stream " + k + "; the master has " + classes);
        }
        return (int) k;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape images = inputShapes[0];
        for (Block stream : streams) {
            stream.initialize(manager, dataType, images);
        }
        Shape features = streams.get(0).getOutputShapes(new Shape[] {images})[0];
        global.initialize(manager, dataType, features);
    }
}
