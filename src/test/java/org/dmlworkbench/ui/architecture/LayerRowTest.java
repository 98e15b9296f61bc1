package org.dmlworkbench.ui.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.model.ModelSummary;
import org.junit.jupiter.api.Test;

class LayerRowTest {

    @Test
    void engineBlockNamesBecomePositionsAndPlainTypes() {
        // the names and descriptions ModelSummary gives for Hybrid-1 and ResNet-18 blocks
        List<ModelSummary.Layer> layers = List.of(
                new ModelSummary.Layer("01Involution", "Involution(C=1, K=3, stride=1, groups=1, reduced=1)",
                        new Shape(1, 1, 28, 28), 22),
                new ModelSummary.Layer("02Conv2d", "Conv2d(1, 1, 28, 28) -> (1, 16, 28, 28)", new Shape(1, 16, 28, 28), 160),
                new ModelSummary.Layer("03BatchNorm", "BatchNorm(1, 16, 28, 28) -> (1, 16, 28, 28)",
                        new Shape(1, 16, 28, 28), 32),
                new ModelSummary.Layer("04LambdaBlock", "Activation", new Shape(1, 16, 28, 28), 0),
                new ModelSummary.Layer("05LambdaBlock", "maxPool2d(1, 16, 28, 28) -> (1, 16, 14, 14)",
                        new Shape(1, 16, 14, 14), 0),
                new ModelSummary.Layer("06LambdaBlock", "globalAvgPool2d(1, 16, 14, 14) -> (1, 16)", new Shape(1, 16), 0),
                new ModelSummary.Layer("02embedding", "Linear(1, 16) -> (1, 128)", new Shape(1, 128), 2176),
                new ModelSummary.Layer("03classifier", "Linear(1, 128) -> (1, 10)", new Shape(1, 10), 1290));
        List<LayerRow> rows = LayerRow.of(layers, ModelSpec.preset("hybrid1"));
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "embedding", "classifier"),
                rows.stream().map(LayerRow::layer).toList());
        assertEquals(List.of("Involution 3×3", "Conv2d 1 → 16", "Batch norm", "GELU", "Max pool",
                "Global average pool", "Linear 16 → 128", "Linear 128 → 10"),
                rows.stream().map(LayerRow::type).toList());
        assertEquals(List.of("1 × 28 × 28", "16 × 28 × 28", "16 × 28 × 28", "16 × 28 × 28", "16 × 14 × 14", "16",
                "128", "10"), rows.stream().map(LayerRow::outputShape).toList());
        assertEquals(layers.get(0).type(), rows.get(0).detail());
    }

    @Test
    void residualBlocksAndReluReadAsSuch() {
        ModelSpec resnet = ModelSpec.preset("resnet18");
        assertEquals("Residual block", LayerRow.type("SequentialBlock(1, 64, 28, 28)", resnet));
        assertEquals("ReLU", LayerRow.type("Activation", resnet));
        assertEquals("Block", LayerRow.type("SequentialBlock(1, 64, 28, 28)", ModelSpec.preset("cnn")));
        assertEquals("Something(odd)", LayerRow.type("Something(odd)", resnet));
    }
}
