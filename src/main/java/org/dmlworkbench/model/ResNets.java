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

/**
 * ResNet-18 and ResNet-50 (He et al. 2016) without their classifier, convolutions without bias
 * (each is followed by a batch norm with its own shift), the stride of a bottleneck on its 3x3
 * conv (torchvision's "v1.5"). Two stems: CIFAR-style (3x3 conv, stride 1, no max-pool: small
 * inputs keep their resolution, as the Guided DML authors train on 32 px) and ImageNet-style
 * (7x7 conv stride 2, 3x3 max-pool stride 2: a 224 px input reaches the stages at 56 px).
 */
final class ResNets {

    private static final int[] WIDTHS = {64, 128, 256, 512};
    private static final int[] RESNET18_BLOCKS = {2, 2, 2, 2};
    private static final int[] RESNET50_BLOCKS = {3, 4, 6, 3};
    private static final int BOTTLENECK_EXPANSION = 4;

    private ResNets() {}

    /**
     * @param stem "cifar" or "imagenet" (resolved, see {@link ModelSpec#resolvedStem})
     */
    static SequentialBlock build(String family, String stem) {
        SequentialBlock net = new SequentialBlock();
        if (stem.equals("imagenet")) {
            net.add(conv(64, 7, 2)).add(BatchNorm.builder().build()).add(Activation::relu)
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        } else if (stem.equals("cifar")) {
            net.add(conv(64, 3, 1)).add(BatchNorm.builder().build()).add(Activation::relu);
        } else {
            throw new IllegalArgumentException("unresolved ResNet stem '" + stem + "'");
        }
        boolean bottleneck = family.equals("resnet50");
        int[] blocks = bottleneck ? RESNET50_BLOCKS : RESNET18_BLOCKS;
        int channels = 64;
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            int width = WIDTHS[stage];
            int out = bottleneck ? width * BOTTLENECK_EXPANSION : width;
            for (int block = 0; block < blocks[stage]; block++) {
                int stride = (stage > 0 && block == 0) ? 2 : 1;
                boolean project = channels != out || stride != 1;
                net.add(bottleneck ? bottleneck(width, out, stride, project)
                        : basicBlock(width, stride, project));
                channels = out;
            }
        }
        return net;
    }

    /** Features after global pooling. */
    static int featureCount(String family) {
        return family.equals("resnet50") ? WIDTHS[3] * BOTTLENECK_EXPANSION : WIDTHS[3];
    }

    private static Block basicBlock(int width, int stride, boolean projectShortcut) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(width, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(conv(width, 3, 1))
                .add(BatchNorm.builder().build());
        return residual(main, width, stride, projectShortcut);
    }

    /** 1x1 reduce to {@code width}, 3x3 (strided), 1x1 expand to {@code out}. */
    private static Block bottleneck(int width, int out, int stride, boolean projectShortcut) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(width, 1, 1))
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(conv(width, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(conv(out, 1, 1))
                .add(BatchNorm.builder().build());
        return residual(main, out, stride, projectShortcut);
    }

    private static Block residual(Block main, int out, int stride, boolean projectShortcut) {
        SequentialBlock shortcut = new SequentialBlock();
        if (projectShortcut) {
            shortcut.add(conv(out, 1, stride)).add(BatchNorm.builder().build());
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
        int pad = (kernel - 1) / 2;
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optBias(false)
                .setFilters(filters)
                .build();
    }
}
