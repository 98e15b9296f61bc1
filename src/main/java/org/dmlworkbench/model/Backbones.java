package org.dmlworkbench.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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

    /**
     * @param imageSize the input's smaller side in px: it resolves a ResNet's "auto" stem
     */
    public static Block build(ModelSpec spec, int inputChannels, int imageSize) {
        if (spec.isTorchScript()) {
            throw new IllegalArgumentException("a torchscript model's backbone comes from its file"
                    + " (--backbone FILE.pt), not from the spec");
        }
        SequentialBlock net;
        if (spec.isResNet()) {
            net = ResNets.build(spec.family(), spec.resolvedStem(imageSize));
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
        return spec.isResNet() ? ResNets.featureCount(spec.family())
                : spec.convWidths().get(spec.convWidths().size() - 1);
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

    private static Block conv(int filters, int kernel, int stride) {
        int pad = (kernel - 1) / 2;
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .setFilters(filters)
                .build();
    }
}
