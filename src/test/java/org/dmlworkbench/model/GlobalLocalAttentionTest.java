package org.dmlworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.model.GlobalLocalAttention.Part;
import org.junit.jupiter.api.Test;

class GlobalLocalAttentionTest {

    private static final Shape INPUT = new Shape(2, 16, 5, 4);

    private static GlobalLocalAttention build(NDManager manager, Set<Part> parts) {
        GlobalLocalAttention block = new GlobalLocalAttention(16, parts);
        block.initialize(manager, DataType.FLOAT32, INPUT);
        return block;
    }

    private static NDArray run(GlobalLocalAttention block, NDArray x) {
        return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).head();
    }

    @Test
    void keepsTheFeatureMapShapeForEverySubset() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(INPUT);
            for (int mask = 1; mask < 16; mask++) {
                EnumSet<Part> parts = EnumSet.noneOf(Part.class);
                for (Part part : Part.values()) {
                    if ((mask & (1 << part.ordinal())) != 0) {
                        parts.add(part);
                    }
                }
                NDArray out = run(build(manager, parts), x);
                assertEquals(INPUT, out.getShape(), parts.toString());
                assertTrue(out.isInfinite().logicalOr(out.isNaN()).sum().getLong() == 0);
            }
        }
    }

    /** A part that is off has no parameters; a part that is on changes the output. */
    @Test
    void eachPartCanBeSwitchedOff() {
        Engine.getInstance().setRandomSeed(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(INPUT);
            long all = ModelSummary.trainableParameters(build(manager, EnumSet.allOf(Part.class)));
            for (Part off : Part.values()) {
                EnumSet<Part> rest = EnumSet.complementOf(EnumSet.of(off));
                GlobalLocalAttention without = build(manager, rest);
                String prefix = off.label().replace('-', '_');
                for (Pair<String, Parameter> parameter : without.getParameters()) {
                    assertFalse(parameter.getKey().contains(prefix), parameter.getKey() + " with " + off + " off");
                }
                assertTrue(ModelSummary.trainableParameters(without) < all, off.toString());
                // alone, the part is live: its output differs from the identity
                NDArray alone = run(build(manager, EnumSet.of(off)), x);
                assertTrue(alone.sub(x).abs().max().getFloat() > 1e-3, off + " changes nothing");
            }
        }
    }

    /**
     * Local channel only, at initialisation (fusion weights equal): out = (F*A + F)/2 + F/2 with
     * A[c] = sigmoid(sum_t w[t] GAP(F)[c + t - k/2]), computed here by hand from the conv weights.
     */
    @Test
    void localChannelAttentionMatchesAHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GlobalLocalAttention block = build(manager, EnumSet.of(Part.LOCAL_CHANNEL));
            NDArray x = manager.randomNormal(INPUT);
            float[] out = run(block, x).toFloatArray();
            float[] in = x.toFloatArray();
            float[] w = block.getParameters().stream().filter(p -> p.getKey().contains("local_channel"))
                    .findFirst().orElseThrow().getValue().getArray().toFloatArray();
            int k = block.channelKernel();
            assertEquals(k, w.length);
            int c = 16;
            int hw = 20;
            for (int b = 0; b < 2; b++) {
                double[] pooled = new double[c];
                for (int ch = 0; ch < c; ch++) {
                    for (int p = 0; p < hw; p++) {
                        pooled[ch] += in[(b * c + ch) * hw + p] / hw;
                    }
                }
                for (int ch = 0; ch < c; ch++) {
                    double z = 0;
                    for (int t = 0; t < k; t++) {
                        int source = ch + t - k / 2;
                        z += source >= 0 && source < c ? w[t] * pooled[source] : 0;
                    }
                    double a = 1 / (1 + Math.exp(-z));
                    for (int p = 0; p < hw; p++) {
                        int i = (b * c + ch) * hw + p;
                        assertEquals(in[i] * (1 + a / 2), out[i], 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void specTextIsParsedAndCheckedAndOldJsonMeansNone() {
        assertEquals(EnumSet.allOf(Part.class), GlobalLocalAttention.parse("GLAM"));
        assertEquals("glam:local-channel,global-spatial", GlobalLocalAttention.canonical(
                GlobalLocalAttention.parse("glam:global-spatial, local-channel")));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.preset("hybrid1").withAttention("glam:local-temporal"));
        assertTrue(error.getMessage().contains("local-temporal"), error.getMessage());
        ModelSpec spec = ModelSpec.preset("hybrid1").withAttention("glam:local-spatial");
        assertEquals(spec, Json.gson().fromJson(Json.toJson(spec), ModelSpec.class));
        JsonObject old = Json.gson().toJsonTree(ModelSpec.preset("hybrid1")).getAsJsonObject();
        old.remove("attention");
        ModelSpec read = Json.gson().fromJson(old, ModelSpec.class);
        assertEquals("none", read.attention());
        assertEquals(ModelSpec.preset("hybrid1"), read);
    }

    /** hybrid1 with GLAM before pooling: same embedding shape, parameter count printed. */
    @Test
    void hybrid1TakesTheBlockBeforePooling() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape input = new Shape(2, 1, 28, 28);
            EmbeddingNet plain = new EmbeddingNet(ModelSpec.preset("hybrid1"), 1, 0);
            plain.initialize(manager, DataType.FLOAT32, input);
            EmbeddingNet glam = new EmbeddingNet(ModelSpec.preset("hybrid1").withAttention("glam"), 1, 0);
            glam.initialize(manager, DataType.FLOAT32, input);
            NDArray out = glam.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(input)), false).head();
            assertEquals(new Shape(2, 128), out.getShape());
            long added = ModelSummary.trainableParameters(glam) - ModelSummary.trainableParameters(plain);
            GlobalLocalAttention alone = new GlobalLocalAttention(128, EnumSet.allOf(Part.class));
            alone.initialize(manager, DataType.FLOAT32, new Shape(1, 128, 3, 3));
            assertEquals(ModelSummary.trainableParameters(alone), added);
            System.out.println("hybrid1 parameters: " + ModelSummary.trainableParameters(plain)
                    + ", with GLAM: " + ModelSummary.trainableParameters(glam) + " (+" + added + ")");
        }
    }
}
