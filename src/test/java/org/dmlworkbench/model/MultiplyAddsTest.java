package org.dmlworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Multiply-adds counted by hand for each kind of block, then for whole networks. */
class MultiplyAddsTest {

    private static Conv2d conv(int filters, int kernel, int stride) {
        int pad = (kernel - 1) / 2;
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
                .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).build();
    }

    @Test
    void aConvolutionCostsPositionsTimesFiltersTimesItsReceptiveField() {
        // 28x28 positions x 16 filters x (1 channel x 3x3)
        assertEquals(28 * 28 * 16 * 9, MultiplyAdds.of(conv(16, 3, 1), new Shape(1, 1, 28, 28)));
        // stride 2: 16x16 -> 8x8 positions x 16 filters x (8 channels x 3x3) = 73,728
        assertEquals(73_728, MultiplyAdds.of(conv(16, 3, 2), new Shape(1, 8, 16, 16)));
        // 1x1: 7x7 x 64 x 32
        assertEquals(100_352, MultiplyAdds.of(conv(64, 1, 1), new Shape(1, 32, 7, 7)));
    }

    @Test
    void aLinearLayerCostsInputsTimesUnits() {
        assertEquals(1_280, MultiplyAdds.of(Linear.builder().setUnits(10).build(), new Shape(1, 128)));
    }

    /**
     * C=4, K=3, 8x8: kernel generator 1x1 4->2 (64 x 2 x 4 = 512) and 1x1 2->9 (64 x 9 x 2 =
     * 1,152); aggregation 64 pixels x 4 channels x 9 taps = 2,304. Total 3,968.
     */
    @Test
    void anInvolutionCostsItsKernelGeneratorPlusOneTapPerChannelAndPixel() {
        Involution involution = new Involution(4, 3, 1, 1, 2, Activation::relu);
        assertEquals(3_968, MultiplyAdds.of(involution, new Shape(1, 4, 8, 8)));
    }

    /**
     * c=8 on a 4x4 map (c' = 1, 1-D kernel 3, hw = 16), all four parts: local channel 1-D conv
     * 8 x 3 = 24; global channel query and key 48; 1x1 convs 8->1 (reduce, query, key) 3 x 16 x 8
     * = 384 and 8->8 (value) 16 x 64 = 1,024; three dilated 3x3 1->1 convs 3 x 16 x 9 = 432;
     * fuse 3->1 16 x 3 = 48; q^T k 8 x 8 = 64 and attention x values 8 x 8 x 16 = 1,024;
     * Q^T K 16 x 16 x 1 = 256 and V A^T 8 x 16 x 16 = 2,048. Total 5,352.
     */
    @Test
    void globalLocalAttentionCostsItsConvolutionsAndItsMatrixProducts() {
        GlobalLocalAttention glam = new GlobalLocalAttention(8,
                EnumSet.allOf(GlobalLocalAttention.Part.class));
        assertEquals(5_352, MultiplyAdds.of(glam, new Shape(1, 8, 4, 4)));
        GlobalLocalAttention channelOnly = new GlobalLocalAttention(8,
                EnumSet.of(GlobalLocalAttention.Part.LOCAL_CHANNEL));
        assertEquals(24, MultiplyAdds.of(channelOnly, new Shape(1, 8, 4, 4)));
    }

    /**
     * Hybrid-1 on 1x28x28 without a classifier. Involution on 1 channel: 784 + 784 x 9 + 784 x 9
     * = 14,896; conv 1->16 at 28x28: 112,896; 16->32 at 14x14: 903,168; 32->64 at 7x7: 903,168;
     * 64->128 at 3x3: 663,552; embedding 128 -> 128: 16,384. Total 2,614,064 (max-pooling,
     * batch norms and GELU not counted).
     */
    @Test
    void hybrid1CostsTheHandCountedMultiplyAdds() {
        EmbeddingNet net = new EmbeddingNet(ModelSpec.preset("hybrid1"), 1, 0);
        assertEquals(2_614_064, net.multiplyAdds(new Shape(1, 1, 28, 28)));
        EmbeddingNet withClassifier = new EmbeddingNet(ModelSpec.preset("hybrid1"), 1, 10);
        assertEquals(2_614_064 + 1_280, withClassifier.multiplyAdds(new Shape(1, 1, 28, 28)));
    }

    /**
     * Backbones at 224 px with the ImageNet stem, convolutions only: ResNet-18 1,813,561,344 and
     * ResNet-50 4,087,136,256, as an independent count (forward hooks on a PyTorch definition of
     * the same networks) gives and as published for torchvision's models (1.82 and 4.09 GMACs
     * with their 1000-class layer: +0.51 M and +2.05 M). With the CIFAR stem at 1x28x28
     * ResNet-18 costs 455,795,712.
     */
    @Test
    void resNetsCostWhatTorchvisionsModelsCost() {
        Shape colour224 = new Shape(1, 3, 224, 224);
        assertEquals(1_813_561_344L, MultiplyAdds.of(
                Backbones.build(ModelSpec.preset("resnet18"), 3, 224), colour224));
        assertEquals(4_087_136_256L, MultiplyAdds.of(
                Backbones.build(ModelSpec.preset("resnet50"), 3, 224), colour224));
        assertEquals(455_795_712L, MultiplyAdds.of(
                Backbones.build(ModelSpec.preset("resnet18"), 1, 28), new Shape(1, 1, 28, 28)));
        // the 128-d embedding on ResNet-50's 2048 features
        EmbeddingNet net = new EmbeddingNet(ModelSpec.preset("resnet50"), 3, 224, 0);
        assertEquals(4_087_136_256L + 2048 * 128, net.multiplyAdds(colour224));
    }
}
