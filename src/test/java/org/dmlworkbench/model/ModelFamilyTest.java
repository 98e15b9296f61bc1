package org.dmlworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFamilyTest {

    private static EmbeddingNet build(NDManager manager, ModelSpec spec, Shape input, int classes) {
        EmbeddingNet net = new EmbeddingNet(spec, (int) input.get(1), classes);
        net.initialize(manager, DataType.FLOAT32, input);
        return net;
    }

    /**
     * Hybrid-1 on 1x28x28 with a 10-class head, counted by hand:
     * involution: reduce 1x1 1->1 (1+1), batch norm (2), span 1x1 1->9 (9+9) = 22;
     * conv 3x3 1->16: 144+16 = 160; 16->32: 4,608+32 = 4,640; 32->64: 18,432+64 = 18,496;
     * 64->128: 73,728+128 = 73,856; batch norms 2*(16+32+64+128) = 480;
     * embedding 128->128: 16,512; classifier 128->10: 1,290. Total 115,456.
     */
    @Test
    void hybrid1HasTheHandCountedParametersAndIsUnderOneMegabyte() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EmbeddingNet net = build(manager, ModelSpec.preset("hybrid1"), new Shape(1, 1, 28, 28), 10);
            long params = ModelSummary.trainableParameters(net);
            assertEquals(115_456, params);
            assertTrue(Math.abs(params - 116_344) / 116_344.0 < 0.10, "not within 10% of the paper");
            assertTrue(ModelSummary.savedSizeBytes(net) < 1_000_000);
        }
    }

    @Test
    void moreInvolutionLayersAddOnlyInvolutionParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape input = new Shape(1, 1, 28, 28);
            long one = ModelSummary.trainableParameters(build(manager, ModelSpec.preset("hybrid1"), input, 0));
            long two = ModelSummary.trainableParameters(build(manager, ModelSpec.preset("hybrid2"), input, 0));
            long three = ModelSummary.trainableParameters(build(manager, ModelSpec.preset("hybrid3"), input, 0));
            long cnn = ModelSummary.trainableParameters(build(manager, ModelSpec.preset("cnn"), input, 0));
            // one involution on one channel holds 22 parameters (see above)
            assertEquals(22, one - cnn);
            assertEquals(44, two - cnn);
            assertEquals(66, three - cnn);
        }
    }

    /**
     * CIFAR ResNet-18 without biases: stem 3*9*64 = 1,728 (+128 batch norm); stage convs and
     * projections as in He et al. give 11,168,832 with the stem and all norms; plus the
     * embedding 512->128 = 65,664.
     */
    @Test
    void resnet18HasTheStandardParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EmbeddingNet net = build(manager, ModelSpec.preset("resnet18"), new Shape(1, 3, 32, 32), 0);
            assertEquals(11_168_832 + 65_664, ModelSummary.trainableParameters(net));
        }
    }

    @Test
    void everyFamilyEmbedsToUnitVectorsOfTheAskedSize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String family : List.of("hybrid1", "hybrid2", "hybrid3", "cnn", "inn", "resnet18")) {
                ModelSpec spec = ModelSpec.preset(family).withEmbeddingDim(16);
                Shape input = new Shape(3, 3, 32, 32);
                EmbeddingNet net = build(manager, spec, input, 5);
                NDList out = net.forward(new ParameterStore(manager, false),
                        new NDList(manager.randomNormal(input)), false);
                assertEquals(new Shape(3, 16), out.get(0).getShape(), family);
                assertEquals(new Shape(3, 5), out.get(1).getShape(), family);
                NDArray norms = out.get(0).norm(new int[] {1});
                for (float n : norms.toFloatArray()) {
                    assertEquals(1.0, n, 1e-5, family);
                }
            }
        }
    }

    @Test
    void fullResolutionKeepsTheInputSizeThroughTheStages() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelSpec pooled = ModelSpec.preset("hybrid1");
            ModelSpec full = pooled.withStagePooling("none");
            Shape input = new Shape(1, 1, 28, 28);
            List<ModelSummary.Layer> pooledLayers = ModelSummary.layers(build(manager, pooled, input, 0), input);
            List<ModelSummary.Layer> fullLayers = ModelSummary.layers(build(manager, full, input, 0), input);
            Shape lastPooledMap = pooledLayers.get(pooledLayers.size() - 4).outputShape();
            Shape lastFullMap = fullLayers.get(fullLayers.size() - 4).outputShape();
            assertEquals(new Shape(1, 128, 3, 3), lastPooledMap);
            assertEquals(new Shape(1, 128, 28, 28), lastFullMap);
        }
    }

    @Test
    void unnormalisedEmbeddingsKeepTheirLength() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelSpec spec = ModelSpec.preset("cnn").withEmbeddingDim(2).withNormalizeEmbedding(false);
            Shape input = new Shape(4, 1, 28, 28);
            EmbeddingNet net = build(manager, spec, input, 0);
            NDList out = net.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(input).mul(10)), false);
            assertEquals(1, out.size());
            boolean anyNotUnit = false;
            for (float n : out.head().norm(new int[] {1}).toFloatArray()) {
                anyNotUnit |= Math.abs(n - 1) > 1e-3;
            }
            assertTrue(anyNotUnit);
        }
    }
}
