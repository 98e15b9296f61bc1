package org.dmlworkbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.ModelSpec;
import org.junit.jupiter.api.Test;

class GradientGuardTest {

    @Test
    void finiteGradientsPassAndANaNIsCaughtThenCleared() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            EmbeddingNet net = new EmbeddingNet(ModelSpec.preset("cnn").withLayout(0, List.of(4, 8))
                    .withEmbeddingDim(4), 1, 0);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 8, 8));
            NDArray images = manager.randomNormal(new Shape(2, 1, 8, 8));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = net.forward(new ParameterStore(manager, false), new NDList(images), true);
                collector.backward(out.head().mul(manager.randomNormal(out.head().getShape())).sum());
            }
            try (NDManager scope = manager.newSubManager()) {
                assertTrue(GradientGuard.allFinite(net, scope));
                assertTrue(nonZeroGradients(net, scope) > 0, "the backward pass gave gradients");

                NDArray gradient = firstGradient(net);
                gradient.attach(scope);
                gradient.set(new NDIndex("0"), Float.NaN);
                assertFalse(GradientGuard.allFinite(net, scope));

                GradientGuard.discard(net, scope);
                assertTrue(GradientGuard.allFinite(net, scope));
                assertEquals(0, nonZeroGradients(net, scope), "every gradient is cleared, NaN included");
            }
        }
    }

    private static NDArray firstGradient(EmbeddingNet net) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().getArray().hasGradient()) {
                return p.getValue().getArray().getGradient();
            }
        }
        throw new AssertionError("no parameter has a gradient");
    }

    private static long nonZeroGradients(EmbeddingNet net, NDManager scope) {
        long count = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray array = p.getValue().getArray();
            if (array.hasGradient()) {
                NDArray gradient = array.getGradient();
                gradient.attach(scope);
                count += gradient.neq(0f).sum().toType(DataType.INT64, false).getLong();
            }
        }
        return count;
    }
}
