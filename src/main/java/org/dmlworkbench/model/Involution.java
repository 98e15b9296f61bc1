package org.dmlworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.Function;

/**
 * Involution (Li et al., CVPR 2021): a KxK kernel is generated for every output pixel from the
 * input itself (avg-pool when strided, 1x1 reduce, batch norm, activation, 1x1 span to K*K*G) and
 * shared by the C/G channels of each group. Output channels equal input channels; 'same' padding.
 */
public final class Involution extends AbstractBlock implements MultiplyAdds.Counted {

    private static final byte VERSION = 1;

    private final int channels;
    private final int kernelSize;
    private final int stride;
    private final int groups;
    private final int reducedChannels;
    private final Block kernelGenerator;

    public Involution(
            int channels,
            int kernelSize,
            int stride,
            int groups,
            int reductionRatio,
            Function<NDList, NDList> activation) {
        super(VERSION);
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException(
                    "involution kernel size must be odd and positive, got " + kernelSize);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("involution stride must be >= 1, got " + stride);
        }
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(
                    "involution groups (" + groups + ") must divide the channels (" + channels + ")");
        }
        if (reductionRatio < 1) {
            throw new IllegalArgumentException(
                    "involution reduction ratio must be >= 1, got " + reductionRatio);
        }
        this.channels = channels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.groups = groups;
        // A 1-channel input would reduce to zero channels; keep at least one.
        this.reducedChannels = Math.max(1, channels / reductionRatio);

        SequentialBlock generator = new SequentialBlock();
        if (stride > 1) {
            generator.add(Pool.avgPool2dBlock(new Shape(stride, stride), new Shape(stride, stride),
                    new Shape(0, 0), true, true));
        }
        generator.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(reducedChannels).build())
                .add(BatchNorm.builder().build())
                .add(activation)
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(1, 1))
                        .setFilters(kernelSize * kernelSize * groups)
                        .build());
        this.kernelGenerator = addChildBlock("kernel", generator);
    }

    public int channels() {
        return channels;
    }

    public int kernelSize() {
        return kernelSize;
    }

    public int stride() {
        return stride;
    }

    public int groups() {
        return groups;
    }

    public int reducedChannels() {
        return reducedChannels;
    }

    /** The per-pixel kernels, shape (B, G*K*K, H', W'): exposed so tests can check the product. */
    public NDArray generateKernels(ParameterStore store, NDArray input, boolean training) {
        return kernelGenerator.forward(store, new NDList(input), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(1) != channels) {
            throw new IllegalArgumentException(
                    "involution expects (batch, " + channels + ", H, W), got " + shape);
        }
        NDArray kernels = generateKernels(store, x, training);
        return new NDList(apply(x, kernels));
    }

    /** Multiply-and-sum of each KxK input patch with its pixel's kernel. */
    NDArray apply(NDArray x, NDArray kernels) {
        long batch = x.getShape().get(0);
        long height = x.getShape().get(2);
        long width = x.getShape().get(3);
        int pad = (kernelSize - 1) / 2;
        long outH = outputSize(height);
        long outW = outputSize(width);
        NDArray padded = pad == 0 ? x : x.pad(new Shape(pad, pad, pad, pad), 0);
        NDList patches = new NDList(kernelSize * kernelSize);
        for (int i = 0; i < kernelSize; i++) {
            for (int j = 0; j < kernelSize; j++) {
                patches.add(padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}",
                        i, i + stride * (outH - 1) + 1, stride,
                        j, j + stride * (outW - 1) + 1, stride)));
            }
        }
        long k2 = (long) kernelSize * kernelSize;
        NDArray unfolded = NDArrays.stack(patches, 2)
                .reshape(batch, groups, channels / groups, k2, outH, outW);
        NDArray weights = kernels.reshape(batch, groups, 1, k2, outH, outW);
        return unfolded.mul(weights).sum(new int[] {3}).reshape(batch, channels, outH, outW);
    }

    private long outputSize(long size) {
        int pad = (kernelSize - 1) / 2;
        return (size + 2L * pad - kernelSize) / stride + 1;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), channels, outputSize(in.get(2)), outputSize(in.get(3)))};
    }

    /** The kernel generator's convolutions plus K*K multiply-adds per channel and output pixel. */
    @Override
    public long multiplyAdds(Shape input) {
        long outputPixels = outputSize(input.get(2)) * outputSize(input.get(3));
        return MultiplyAdds.of(kernelGenerator, input)
                + outputPixels * channels * kernelSize * kernelSize;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        kernelGenerator.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public String toString() {
        return "Involution(C=" + channels + ", K=" + kernelSize + ", stride=" + stride
                + ", groups=" + groups + ", reduced=" + reducedChannels + ")";
    }
}
