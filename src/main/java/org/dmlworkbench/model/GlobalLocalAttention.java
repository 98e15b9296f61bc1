package org.dmlworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Global-local attention, GLAM (Song, Han, Avrithis, WACV 2022), on a (B, c, h, w) feature map;
 * the output has the input's shape. Each part multiplies the map by its attention and adds the
 * map back (F * A + F):
 * <ul>
 *   <li>local channel: A (c, 1, 1) = sigmoid(1-D conv over the channels of GAP(F));</li>
 *   <li>local spatial: A (1, h, w) = sigmoid(1x1 conv of [3x3 convs with dilation 1, 2, 3] of a
 *       1x1 conv of F to c' channels);</li>
 *   <li>global channel: q, k = sigmoid(1-D convs of GAP(F)), A = softmax(q^T k) (c x c) applied
 *       to F's channels;</li>
 *   <li>global spatial: queries and keys 1x1 convs to c', values a 1x1 conv to c, A =
 *       softmax(Q^T K) (hw x hw) applied to the values.</li>
 * </ul>
 * Local channel then local spatial make the local branch, global channel then global spatial the
 * global branch; the output is softmax(w)-weighted sum of [local, F, global] with w learned and
 * starting equal. A switched-off part is skipped (and has no parameters); a branch with both parts
 * off leaves the fusion. Not in the paper (recorded in docs/MODELS.md): the 1-D kernel size is
 * ECA's rule (odd size nearest (log2 c + 1) / 2), c' = max(1, c / 8).
 */
public final class GlobalLocalAttention extends AbstractBlock implements MultiplyAdds.Counted {

    /** The four switchable parts, named as on the command line. */
    public enum Part {
        LOCAL_CHANNEL, LOCAL_SPATIAL, GLOBAL_CHANNEL, GLOBAL_SPATIAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final byte VERSION = 1;

    private final int channels;
    private final int reduced;
    private final int channelKernel;
    private final Set<Part> parts;
    private final Block localChannel;
    private final Block spatialReduce;
    private final List<Block> dilated = new ArrayList<>();
    private final Block spatialFuse;
    private final Block channelQuery;
    private final Block channelKey;
    private final Block spatialQuery;
    private final Block spatialKey;
    private final Block spatialValue;
    private final Parameter fusion;
    private final int branches;

    public GlobalLocalAttention(int channels, Set<Part> parts) {
        super(VERSION);
        if (channels < 1) {
            throw new IllegalArgumentException("attention needs >= 1 channel, got " + channels);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("global-local attention needs at least one of "
                    + labels(EnumSet.allOf(Part.class)));
        }
        this.channels = channels;
        this.parts = EnumSet.copyOf(parts);
        this.reduced = Math.max(1, channels / 8);
        int t = (int) Math.round((Math.log(channels) / Math.log(2) + 1) / 2);
        this.channelKernel = t % 2 == 1 ? t : t + 1;
        boolean local = has(Part.LOCAL_CHANNEL) || has(Part.LOCAL_SPATIAL);
        boolean global = has(Part.GLOBAL_CHANNEL) || has(Part.GLOBAL_SPATIAL);
        this.branches = 1 + (local ? 1 : 0) + (global ? 1 : 0);
        localChannel = has(Part.LOCAL_CHANNEL) ? addChildBlock("local_channel", channelConv()) : null;
        if (has(Part.LOCAL_SPATIAL)) {
            spatialReduce = addChildBlock("local_spatial_reduce", conv(reduced, 1, 1));
            for (int dilation = 1; dilation <= 3; dilation++) {
                dilated.add(addChildBlock("local_spatial_dilation" + dilation, conv(reduced, 3, dilation)));
            }
            spatialFuse = addChildBlock("local_spatial_fuse", conv(1, 1, 1));
        } else {
            spatialReduce = null;
            spatialFuse = null;
        }
        channelQuery = has(Part.GLOBAL_CHANNEL) ? addChildBlock("global_channel_query", channelConv()) : null;
        channelKey = has(Part.GLOBAL_CHANNEL) ? addChildBlock("global_channel_key", channelConv()) : null;
        spatialQuery = has(Part.GLOBAL_SPATIAL) ? addChildBlock("global_spatial_query", conv(reduced, 1, 1)) : null;
        spatialKey = has(Part.GLOBAL_SPATIAL) ? addChildBlock("global_spatial_key", conv(reduced, 1, 1)) : null;
        spatialValue = has(Part.GLOBAL_SPATIAL) ? addChildBlock("global_spatial_value", conv(channels, 1, 1)) : null;
        fusion = addParameter(Parameter.builder().setName("fusion").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(branches)).optInitializer(new ConstantInitializer(0f)).build());
    }

    /**
     * Parses "none", "glam" (all four parts) or "glam:local-channel,global-spatial".
     *
     * @return the parts, empty for "none"
     */
    public static Set<Part> parse(String attention) {
        String text = attention == null ? "none" : attention.trim().toLowerCase(Locale.ROOT);
        if (text.equals("none") || text.isEmpty()) {
            return EnumSet.noneOf(Part.class);
        }
        if (text.equals("glam")) {
            return EnumSet.allOf(Part.class);
        }
        String valid = "none, glam, or glam: followed by a comma list of "
                + labels(EnumSet.allOf(Part.class));
        if (!text.startsWith("glam:")) {
            throw new IllegalArgumentException("unknown attention '" + attention + "'; use " + valid);
        }
        EnumSet<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : text.substring(5).split(",")) {
            Part part = null;
            for (Part candidate : Part.values()) {
                if (candidate.label().equals(name.trim())) {
                    part = candidate;
                }
            }
            if (part == null) {
                throw new IllegalArgumentException("unknown attention part '" + name.trim()
                        + "' in '" + attention + "'; use " + valid);
            }
            parts.add(part);
        }
        return parts;
    }

    /** The canonical text of a set of parts: "none", "glam" or "glam:a,b". */
    public static String canonical(Set<Part> parts) {
        if (parts.isEmpty()) {
            return "none";
        }
        return parts.size() == Part.values().length ? "glam" : "glam:" + labels(parts);
    }

    private static String labels(Set<Part> parts) {
        return parts.stream().map(Part::label).collect(Collectors.joining(","));
    }

    public Set<Part> parts() {
        return EnumSet.copyOf(parts);
    }

    public int channelKernel() {
        return channelKernel;
    }

    public int reducedChannels() {
        return reduced;
    }

    private boolean has(Part part) {
        return parts.contains(part);
    }

    private Block channelConv() {
        return Conv1d.builder().setKernelShape(new Shape(channelKernel)).setFilters(1)
                .optPadding(new Shape(channelKernel / 2)).optBias(false).build();
    }

    private static Block conv(int filters, int kernel, int dilation) {
        int pad = dilation * (kernel - 1) / 2;
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
                .optPadding(new Shape(pad, pad)).optDilation(new Shape(dilation, dilation)).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("global-local attention expects (batch, " + channels
                    + ", h, w), got " + x.getShape());
        }
        List<NDArray> branchOutputs = new ArrayList<>();
        if (localChannel != null || spatialReduce != null) {
            NDArray local = x;
            if (localChannel != null) {
                local = residual(local, localChannelAttention(store, local, training));
            }
            if (spatialReduce != null) {
                local = residual(local, localSpatialAttention(store, local, training));
            }
            branchOutputs.add(local);
        }
        branchOutputs.add(x);
        if (channelQuery != null || spatialQuery != null) {
            NDArray global = x;
            if (channelQuery != null) {
                global = residual(global, globalChannelAttention(store, global, training));
            }
            if (spatialQuery != null) {
                global = residual(global, globalSpatialAttention(store, global, training));
            }
            branchOutputs.add(global);
        }
        NDArray weights = store.getValue(fusion, x.getDevice(), training).softmax(0);
        NDArray out = null;
        for (int i = 0; i < branchOutputs.size(); i++) {
            NDArray term = branchOutputs.get(i).mul(weights.get(i));
            out = out == null ? term : out.add(term);
        }
        return new NDList(out);
    }

    private static NDArray residual(NDArray features, NDArray attention) {
        return features.mul(attention).add(features);
    }

    /** (B, c, 1, 1) */
    private NDArray localChannelAttention(ParameterStore store, NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        NDArray pooled = x.reshape(batch, channels, -1).mean(new int[] {2}).reshape(batch, 1, channels);
        NDArray a = localChannel.forward(store, new NDList(pooled), training).head();
        return Activation.sigmoid(a).reshape(batch, channels, 1, 1);
    }

    /** (B, 1, h, w) */
    private NDArray localSpatialAttention(ParameterStore store, NDArray x, boolean training) {
        NDArray r = spatialReduce.forward(store, new NDList(x), training).head();
        NDList views = new NDList();
        for (Block block : dilated) {
            views.add(block.forward(store, new NDList(r), training).head());
        }
        NDArray joined = ai.djl.ndarray.NDArrays.concat(views, 1);
        return Activation.sigmoid(spatialFuse.forward(store, new NDList(joined), training).head());
    }

    /** (B, c, h, w): every channel a softmax-weighted mix of all channels. */
    private NDArray globalChannelAttention(ParameterStore store, NDArray x, boolean training) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        NDArray pooled = x.reshape(batch, channels, -1).mean(new int[] {2}).reshape(batch, 1, channels);
        NDArray q = Activation.sigmoid(channelQuery.forward(store, new NDList(pooled), training).head());
        NDArray k = Activation.sigmoid(channelKey.forward(store, new NDList(pooled), training).head());
        NDArray attention = q.transpose(0, 2, 1).matMul(k).softmax(2);
        NDArray values = x.reshape(batch, channels, -1);
        return attention.matMul(values).reshape(shape);
    }

    /** (B, c, h, w): every position a softmax-weighted mix of all positions' values. */
    private NDArray globalSpatialAttention(ParameterStore store, NDArray x, boolean training) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        NDArray q = spatialQuery.forward(store, new NDList(x), training).head().reshape(batch, reduced, -1);
        NDArray k = spatialKey.forward(store, new NDList(x), training).head().reshape(batch, reduced, -1);
        NDArray v = spatialValue.forward(store, new NDList(x), training).head().reshape(batch, channels, -1);
        NDArray attention = q.transpose(0, 2, 1).matMul(k).softmax(2);
        return v.matMul(attention.transpose(0, 2, 1)).reshape(shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /**
     * The convolutions plus the matrix products: global channel q^T k (c x c) and attention x
     * values (c x c x hw); global spatial Q^T K (hw x hw x c') and V A^T (c x hw x hw).
     */
    @Override
    public long multiplyAdds(Shape input) {
        long c = channels;
        long hw = input.get(2) * input.get(3);
        Shape pooled = new Shape(1, 1, channels);
        long total = 0;
        for (Block block : new Block[] {localChannel, channelQuery, channelKey}) {
            total += block == null ? 0 : MultiplyAdds.of(block, pooled);
        }
        for (Block block : new Block[] {spatialReduce, spatialQuery, spatialKey, spatialValue}) {
            total += block == null ? 0 : MultiplyAdds.of(block, input);
        }
        Shape reducedMap = new Shape(1, reduced, input.get(2), input.get(3));
        for (Block block : dilated) {
            total += MultiplyAdds.of(block, reducedMap);
        }
        if (spatialFuse != null) {
            total += MultiplyAdds.of(spatialFuse, new Shape(1, 3L * reduced, input.get(2), input.get(3)));
        }
        if (channelQuery != null) {
            total += c * c + c * c * hw;
        }
        if (spatialQuery != null) {
            total += hw * hw * reduced + c * hw * hw;
        }
        return total;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long batch = in.get(0);
        Shape pooled = new Shape(batch, 1, channels);
        Shape reducedMap = new Shape(batch, reduced, in.get(2), in.get(3));
        for (Block block : new Block[] {localChannel, channelQuery, channelKey}) {
            if (block != null) {
                block.initialize(manager, dataType, pooled);
            }
        }
        for (Block block : new Block[] {spatialReduce, spatialQuery, spatialKey, spatialValue}) {
            if (block != null) {
                block.initialize(manager, dataType, in);
            }
        }
        for (Block block : dilated) {
            block.initialize(manager, dataType, reducedMap);
        }
        if (spatialFuse != null) {
            spatialFuse.initialize(manager, dataType,
                    new Shape(batch, 3L * reduced, in.get(2), in.get(3)));
        }
    }
}
