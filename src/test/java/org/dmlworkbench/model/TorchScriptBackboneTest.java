package org.dmlworkbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TorchScript backbones shipped in src/test/resources/backbones (written by tiny_backbone.py
 * there with PyTorch 1.13, loaded by libtorch 2.7.1).
 */
class TorchScriptBackboneTest {

    @TempDir
    Path temp;

    static Path shipped(String name) {
        try {
            return Path.of(TorchScriptBackboneTest.class.getResource("/backbones/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFeatureMapBackboneGetsGlobalPoolingAndTheEmbeddingLayer() {
        try (TorchScriptBackbone imported = TorchScriptBackbone.load(shipped("tiny_backbone.pt"), true,
                Device.cpu()); NDManager manager = NDManager.newBaseManager()) {
            Shape output = imported.probe(1, 28, 28);
            assertEquals(new Shape(1, 16, 14, 14), output);
            assertEquals(new Shape(1, 16, 16, 16), imported.probe(1, 32, 32), "any size it can take");
            EmbeddingNet net = EmbeddingNet.onImportedBackbone(ModelSpec.torchScript().withEmbeddingDim(8),
                    1, 3, imported, output);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            NDList out = net.forward(new ParameterStore(manager, false),
                    new NDList(ramp(manager, new Shape(2, 1, 28, 28))), false);
            assertEquals(new Shape(2, 8), out.get(0).getShape());
            assertEquals(new Shape(2, 3), out.get(1).getShape());
            // conv 1->8 (72) + bn (16) + conv 8->16 stride 2 (1,152) + bn (32); embedding 16->8 (136);
            // classifier 8->3 (27)
            assertEquals(1_272 + 136 + 27, ModelSummary.trainableParameters(net));
        }
    }

    @Test
    void aVectorBackboneFeedsTheEmbeddingLayerAsItIs() {
        try (TorchScriptBackbone imported = TorchScriptBackbone.load(shipped("tiny_vector_backbone.pt"),
                true, Device.cpu()); NDManager manager = NDManager.newBaseManager()) {
            Shape output = imported.probe(1, 28, 28);
            assertEquals(new Shape(1, 32), output);
            EmbeddingNet net = EmbeddingNet.onImportedBackbone(ModelSpec.torchScript().withEmbeddingDim(4),
                    1, 0, imported, output);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            NDArray embedding = net.forward(new ParameterStore(manager, false),
                    new NDList(ramp(manager, new Shape(2, 1, 28, 28))), false).head();
            assertEquals(new Shape(2, 4), embedding.getShape());
        }
    }

    @Test
    void badBackbonesAreRefusedInOneSentenceNamingTheFile() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.pt"), "not a network");
        IllegalArgumentException notTorchScript = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptBackbone.load(text, true, Device.cpu()));
        assertTrue(notTorchScript.getMessage().startsWith(text + " is not a TorchScript file"),
                notTorchScript.getMessage());

        Path missing = temp.resolve("missing.pt");
        assertEquals("the backbone file " + missing + " does not exist", assertThrows(
                IllegalArgumentException.class, () -> TorchScriptBackbone.load(missing, true,
                        Device.cpu())).getMessage());

        Path sequence = shipped("tiny_sequence_backbone.pt");
        try (TorchScriptBackbone imported = TorchScriptBackbone.load(sequence, true, Device.cpu())) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> imported.probe(1, 28, 28)).getMessage();
            assertEquals(sequence + " returns a 3-d tensor of shape (1, 8, 784) for a (1, 1, 28, 28)"
                    + " input: neither vectors (batch, features) nor a feature map (batch, channels,"
                    + " height, width)", message);
        }

        Path vectors = shipped("tiny_vector_backbone.pt");
        try (TorchScriptBackbone imported = TorchScriptBackbone.load(vectors, true, Device.cpu())) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> imported.probe(1, 32, 32)).getMessage();
            // PyTorch's own error line, not its traceback
            assertEquals(vectors + " cannot take 1-channel 32x32 images (mat1 and mat2 shapes cannot"
                    + " be multiplied (1x100 and 64x32))", message);
        }
        try (TorchScriptBackbone imported = TorchScriptBackbone.load(shipped("tiny_backbone.pt"), true,
                Device.cpu())) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> imported.probe(3, 28, 28)).getMessage();
            assertTrue(message.endsWith("cannot take 3-channel 28x28 images (Given groups=1, weight of"
                    + " size [8, 1, 3, 3], expected input[1, 3, 28, 28] to have 1 channels, but got 3"
                    + " channels instead)"), message);
        }
    }

    /**
     * Saving writes the whole module; loading replaces it, and the network's parameters are then
     * the loaded module's (a trainer sees those), with the same values.
     */
    @Test
    void savedParametersLoadIntoAFreshBackboneAndAreTheOnesItTrains() throws Exception {
        try (TorchScriptBackbone first = TorchScriptBackbone.load(shipped("tiny_backbone.pt"), true,
                Device.cpu());
                TorchScriptBackbone second = TorchScriptBackbone.load(shipped("tiny_backbone.pt"), true,
                        Device.cpu());
                NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = first.getParameters().get("conv1.weight").getArray();
            weight.set(ramp(manager, weight.getShape()).toFloatArray());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            first.saveParameters(new DataOutputStream(bytes));
            Parameter before = second.getParameters().get("conv1.weight");
            second.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            Parameter after = second.getParameters().get("conv1.weight");
            assertFalse(before == after, "the loaded module's parameters replace the old ones");
            assertArrayEquals(weight.toFloatArray(), after.getArray().toFloatArray());
            for (Pair<String, Parameter> parameter : second.getParameters()) {
                assertTrue(parameter.getValue().requiresGradient(), parameter.getKey());
            }
            NDArray image = ramp(manager, new Shape(1, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);
            assertArrayEquals(first.forward(store, new NDList(image), false).head().toFloatArray(),
                    second.forward(store, new NDList(image), false).head().toFloatArray());
        }
    }

    @Test
    void aFrozenBackboneHasNoTrainableParameters() {
        try (TorchScriptBackbone imported = TorchScriptBackbone.load(shipped("tiny_backbone.pt"), false,
                Device.cpu())) {
            assertEquals(0, ModelSummary.trainableParameters(imported));
            assertFalse(imported.trainable());
        }
    }

    /** Values in [0, 1) rising over the elements: deterministic, not constant. */
    static NDArray ramp(NDManager manager, Shape shape) {
        return manager.arange((float) shape.size()).reshape(shape).div(shape.size());
    }
}
