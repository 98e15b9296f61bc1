package org.dmlworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.dmlworkbench.io.Json;
import org.junit.jupiter.api.Test;

/** Every preset from 28 to 224 px in grey and colour; the ResNets' two stems. */
class PhotoSizedModelsTest {

    private static final List<String> PRESETS = List.of("hybrid1", "hybrid2", "hybrid3", "cnn",
            "inn", "resnet18", "resnet50");

    /** Shapes flow through every preset at both ends of the range, grey and colour. */
    @Test
    void everyPresetTakesGreyAndColourImagesFrom28To224Pixels() {
        for (String family : PRESETS) {
            ModelSpec spec = ModelSpec.preset(family);
            for (int size : new int[] {28, 32, 64, 96, 160, 224}) {
                for (int channels : new int[] {1, 3}) {
                    Shape input = new Shape(1, channels, size, size);
                    Shape features = Backbones.build(spec, channels, size)
                            .getOutputShapes(new Shape[] {input})[0];
                    assertEquals(new Shape(1, Backbones.featureCount(spec)), features,
                            family + " at " + channels + "x" + size + "x" + size);
                }
            }
        }
    }

    /**
     * A real forward of every preset at 1x28x28 and 3x224x224 (ResNet-50 only at 224: one
     * forward of it is the most CPU a test spends here).
     */
    @Test
    void everyPresetEmbedsA28PixelGreyAndA224PixelColourImage() {
        ai.djl.engine.Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String family : PRESETS) {
                for (int size : new int[] {28, 224}) {
                    int channels = size == 28 ? 1 : 3;
                    if (family.equals("resnet50") && size == 28) {
                        continue;
                    }
                    Shape input = new Shape(1, channels, size, size);
                    EmbeddingNet net = new EmbeddingNet(ModelSpec.preset(family).withEmbeddingDim(8),
                            channels, size, 0);
                    net.initialize(manager, DataType.FLOAT32, input);
                    // a ramp over the pixels in [0, 1): a constant image can drive an untrained net
                    // (batch norms at their initial running statistics) to all-zero features
                    NDArray image = manager.arange((float) input.size()).reshape(input).div(input.size());
                    NDList out = net.forward(new ParameterStore(manager, false), new NDList(image), false);
                    String label = family + " at " + channels + "x" + size + "x" + size;
                    assertEquals(new Shape(1, 8), out.head().getShape(), label);
                    assertEquals(1.0, out.head().norm().getFloat(), 1e-4, label);
                }
            }
        }
    }

    @Test
    void autoGivesResNetsTheImageNetStemFrom96PixelsUp() {
        ModelSpec resnet = ModelSpec.preset("resnet18");
        assertEquals("auto", resnet.stem());
        assertEquals("cifar", resnet.resolvedStem(28));
        assertEquals("cifar", resnet.resolvedStem(95));
        assertEquals("imagenet", resnet.resolvedStem(96));
        assertEquals("imagenet", resnet.resolvedStem(224));
        assertEquals("cifar", resnet.withStem("cifar").resolvedStem(224));
        assertEquals("imagenet", resnet.withStem("imagenet").resolvedStem(28));
        assertEquals(null, ModelSpec.preset("hybrid1").resolvedStem(224));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.preset("hybrid1").withStem("imagenet"));
        assertTrue(e.getMessage().contains("applies to resnet18 and resnet50 only"), e.getMessage());
    }

    /** A spec saved before the stem existed: its ResNet-18 had the CIFAR stem. */
    @Test
    void aSpecWithoutAStemReadsAsTheStemItWasBuiltWith() {
        String resnet = "{\"family\":\"resnet18\",\"involutionLayers\":0,\"convWidths\":[64,128,256,512],"
                + "\"involution\":{\"kernelSize\":3,\"stride\":1,\"groups\":1,\"reductionRatio\":2},"
                + "\"activation\":\"relu\",\"stagePooling\":\"none\",\"embeddingDim\":128,"
                + "\"normalizeEmbedding\":true}";
        assertEquals("cifar", Json.gson().fromJson(resnet, ModelSpec.class).stem());
        String hybrid = resnet.replace("resnet18", "hybrid1");
        assertEquals("auto", Json.gson().fromJson(hybrid, ModelSpec.class).stem());
    }

    /**
     * Backbone parameters as torchvision counts them (its model minus the 1000-class layer):
     * ResNet-18 11,689,512 - 513,000 = 11,176,512; ResNet-50 25,557,032 - 2,049,000 =
     * 23,508,032. The CIFAR stem's 3x3 conv has 3*9*64 = 1,728 weights instead of 3*49*64 =
     * 9,408; one input channel has a third of the stem's weights.
     */
    @Test
    void theImageNetStemResNetsHaveTorchvisionsParameterCounts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(11_176_512, backboneParameters(manager, "resnet18", "imagenet", 3));
            assertEquals(11_176_512 - 9_408 + 1_728, backboneParameters(manager, "resnet18", "cifar", 3));
            assertEquals(23_508_032, backboneParameters(manager, "resnet50", "imagenet", 3));
            assertEquals(23_508_032 - 2 * 49 * 64, backboneParameters(manager, "resnet50", "imagenet", 1));
        }
    }

    @Test
    void theImageNetStemQuartersTheResolutionBeforeTheStages() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape input = new Shape(1, 3, 224, 224);
            EmbeddingNet imagenet = new EmbeddingNet(ModelSpec.preset("resnet18"), 3, 224, 0);
            imagenet.initialize(manager, DataType.FLOAT32, input);
            List<ModelSummary.Layer> layers = ModelSummary.layers(imagenet, input);
            // conv 7x7/2 -> batch norm -> relu -> max-pool 3x3/2: 224 -> 112 -> 56
            assertEquals(new Shape(1, 64, 112, 112), layers.get(0).outputShape());
            assertEquals(new Shape(1, 64, 56, 56), layers.get(3).outputShape());
            // the last stage: 512 channels at 7x7
            assertEquals(new Shape(1, 512, 7, 7), layers.get(layers.size() - 3).outputShape());
        }
    }

    private static long backboneParameters(NDManager manager, String family, String stem, int channels) {
        EmbeddingNet net = new EmbeddingNet(ModelSpec.preset(family).withStem(stem), channels, 0);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, channels, 64, 64));
        return ModelSummary.trainableParameters(net.backbone());
    }
}
