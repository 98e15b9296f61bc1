package org.dmlworkbench.guided;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class GeminiMasterTest {

    private static double gradient(Block block) {
        double sum = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            if (array.hasGradient()) {
                sum += array.getGradient().abs().sum().getFloat();
            }
        }
        return sum;
    }

    @Test
    void onlyTheTwoActiveStreamsAndTheGlobalHeadGetGradients() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GeminiMaster master = new GeminiMaster(4, 1, 2);
            master.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            for (Pair<String, Parameter> parameter : master.getParameters()) {
                parameter.getValue().getArray().setRequiresGradient(true);
            }
            NDArray anchors = manager.randomNormal(new Shape(3, 1, 28, 28));
            NDArray positives = manager.randomNormal(new Shape(3, 1, 28, 28));
            NDArray negatives = manager.randomNormal(new Shape(3, 1, 28, 28));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = master.forward(new ParameterStore(manager, false),
                        new NDList(anchors, positives, negatives, manager.create(new long[] {2, 0})),
                        true);
                // beta 0.5 and a margin large enough that both terms are active
                NDArray value = new GeminiLoss(0.5, 100).compute(out.get(0), out.get(1), out.get(2),
                        out.get(3), out.get(4));
                collector.backward(value);
            }
            assertTrue(gradient(master.stream(2)) > 0, "anchor stream k = 2");
            assertTrue(gradient(master.stream(0)) > 0, "negative stream l = 0");
            assertTrue(gradient(master.global()) > 0, "global head");
            assertEquals(0.0, gradient(master.stream(1)), "inactive stream 1");
            assertEquals(0.0, gradient(master.stream(3)), "inactive stream 3");
        }
    }

    @Test
    void routingByStreamGivesTheGlobalEmbeddingOfThatStream() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GeminiMaster master = new GeminiMaster(3, 1, 2);
            master.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDArray images = manager.randomNormal(new Shape(2, 1, 28, 28));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray viaStream1 = master.forward(store, new NDList(images, manager.create(new long[] {1})),
                    false).singletonOrThrow();
            NDArray byHand = master.global().forward(store, master.stream(1).forward(store,
                    new NDList(images), false), false).singletonOrThrow();
            assertEquals(new Shape(2, 2), viaStream1.getShape());
            assertTrue(viaStream1.allClose(byHand));
            NDArray viaStream2 = master.forward(store, new NDList(images, manager.create(new long[] {2})),
                    false).singletonOrThrow();
            assertTrue(!viaStream1.allClose(viaStream2), "another stream embeds differently");
        }
    }
}
