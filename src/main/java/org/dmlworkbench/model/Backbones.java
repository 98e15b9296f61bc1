package org.dmlworkbench.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.function.Function;

/**
 * Feature extractors ending in global average pooling, so each returns (batch, features); the
 * spec's attention, if any, sits on the last feature map just before the pooling.
 * Where arXiv 2404.06593 is silent (kernel sizes, normalisation, pooling), the choices are those
 * recorded in docs/MODELS.md.
 */
public final class Backbones {

    private Backbones() {}

    public static Block build(ModelSpec spec, int inputChannels) {
        SequentialBlock net;
        if (spec.isResNet()) {
            net = resnet18(inputChannels);
        } else {
            net = spec.isInvolutionOnly() ? involutionOnly(spec, inputChannels) : compact(spec, inputChannels);
        }
        if (spec.hasAttention()) {
            net.add(new GlobalLocalAttention(featureCount(spec),
                    GlobalLocalAttention.parse(spec.attention())));
        }
        return net.add(Pool.globalAvgPool2dBlock());
    }

    /** Number of features the backbone emits. */
    public static int featureCount(ModelSpec spec) {
        return spec.isResNet() ? 512 : spec.convWidths().get(spec.convWidths().size() - 1);
    }

    /** Involution layer(s) on the input, then conv stages: hybrid1/2/3, cnn, custom. */
    private static SequentialBlock compact(ModelSpec spec, int inputChannels) {
        Function<NDList, NDList> activation = Activations.byName(spec.activation());
        SequentialBlock net = new SequentialBlock();
        InvolutionSpec inv = spec.involution();
        int channels = inputChannels;
        for (int i = 0; i < spec.involutionLayers(); i++) {
            if (i > 0) {
                // Back-to-back involutions without a non-linearity would collapse into one
                // data-dependent linear map.
                net.add(activation);
            }
            net.add(new Involution(channels, inv.kernelSize(), inv.stride(), inv.groups(),
                    inv.reductionRatio(), activation));
        }
        List<Integer> widths = spec.convWidths();
        for (int stage = 0; stage < widths.size(); stage++) {
            net.add(conv(widths.get(stage), 3, 1)).add(BatchNorm.builder().build()).add(activation);
            if (stage < widths.size() - 1 && spec.stagePooling().equals("max")) {
                net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
            }
            channels = widths.get(stage);
        }
        return net;
    }

    /**
     * INN: each stage changes width with a 1x1 conv (no spatial extent), then aggregates space
     * with an involution only (RedNet-style); the first stage's involution sees the input itself.
     */
    private static SequentialBlock involutionOnly(ModelSpec spec, int inputChannels) {
        Function<NDList, NDList> activation = Activations.byName(spec.activation());
        InvolutionSpec inv = spec.involution();
        SequentialBlock net = new SequentialBlock();
        int channels = inputChannels;
        List<Integer> widths = spec.convWidths();
        for (int stage = 0; stage < widths.size(); stage++) {
            int width = widths.get(stage);
            if (stage == 0) {
                net.add(new Involution(channels, inv.kernelSize(), 1, 1, inv.reductionRatio(),
                        activation));
            }
            net.add(conv(width, 1, 1)).add(BatchNorm.builder().build()).add(activation);
            if (stage > 0) {
                int groups = width % inv.groups() == 0 ? inv.groups() : 1;
                net.add(new Involution(width, inv.kernelSize(), 1, groups, inv.reductionRatio(), activation))
                        .add(BatchNorm.builder().build())
                        .add(activation);
            }
            if (stage < widths.size() - 1 && spec.stagePooling().equals("max")) {
                net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
            }
            channels = width;
        }
        return net;
    }

    /**
     * CIFAR-style ResNet-18 (He et al.; as the Guided DML authors use it): 3x3 stem with 64
     * channels and no max-pool, four stages of two basic blocks (64, 128, 256, 512; strides
     * 1, 2, 2, 2), global average pooling.
     */
    private static SequentialBlock resnet18(int inputChannels) {
        SequentialBlock net = new SequentialBlock()
                .add(resnetConv(64, 3, 1))
                .add(BatchNorm.builder().build())
                .add(Activation::relu);
        int[] widths = {64, 128, 256, 512};
        int channels = 64;
        for (int stage = 0; stage < widths.length; stage++) {
            for (int block = 0; block < 2; block++) {
                int stride = (stage > 0 && block == 0) ? 2 : 1;
                net.add(basicBlock(widths[stage], stride, channels != widths[stage] || stride != 1));
                channels = widths[stage];
            }
        }
        return net;
    }

    private static Block basicBlock(int width, int stride, boolean projectShortcut) {
        SequentialBlock main = new SequentialBlock()
                .add(resnetConv(width, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(resnetConv(width, 3, 1))
                .add(BatchNorm.builder().build());
        SequentialBlock shortcut = new SequentialBlock();
        if (projectShortcut) {
            shortcut.add(resnetConv(width, 1, stride)).add(BatchNorm.builder().build());
        } else {
            shortcut.add(x -> x);
        }
        return new SequentialBlock()
                .add(new ParallelBlock(
                        outputs -> new NDList(outputs.get(0).head().add(outputs.get(1).head())),
                        List.of(main, shortcut)))
                .add(Activation::relu);
    }

    private static Block conv(int filters, int kernel, int stride) {
        return conv(filters, kernel, stride, true);
    }

    /** ResNet convs carry no bias: the batch norm after each one has its own shift. */
    private static Block resnetConv(int filters, int kernel, int stride) {
        return conv(filters, kernel, stride, false);
    }

    private static Block conv(int filters, int kernel, int stride, boolean bias) {
        int pad = (kernel - 1) / 2;
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optBias(bias)
                .setFilters(filters)
                .build();
    }
}
