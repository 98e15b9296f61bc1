package org.dmlworkbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvolutionTest {

    /**
     * The block's output must equal the definition computed by plain loops:
     * out[b, c, i, j] = sum over (u, v) in KxK of kernel[b, g(c)*K*K + u*K + v, i, j]
     * * x[b, c, i*s + u - p, j*s + v - p], zero outside the image, g(c) = c / (C/G).
     */
    @ParameterizedTest(name = "C={0} K={1} stride={2} groups={3} on {4}x{5}")
    @CsvSource({"1, 3, 1, 1, 6, 6", "4, 3, 1, 2, 5, 7", "4, 5, 2, 4, 7, 6", "3, 3, 2, 1, 5, 5"})
    void matchesTheLoopDefinition(int channels, int k, int stride, int groups, int h, int w) {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            Involution inv = new Involution(channels, k, stride, groups, 2, Activation::gelu);
            Shape shape = new Shape(2, channels, h, w);
            inv.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomNormal(shape);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray kernels = inv.generateKernels(store, x, false);
            NDArray out = inv.forward(store, new NDList(x), false).singletonOrThrow();

            int p = (k - 1) / 2;
            int outH = (h + 2 * p - k) / stride + 1;
            int outW = (w + 2 * p - k) / stride + 1;
            assertEquals(new Shape(2, channels, outH, outW), out.getShape());
            assertEquals(new Shape(2, (long) groups * k * k, outH, outW), kernels.getShape());
            float[] xs = x.toFloatArray();
            float[] ks = kernels.toFloatArray();
            float[] expected = new float[2 * channels * outH * outW];
            int perGroup = channels / groups;
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < channels; c++) {
                    int g = c / perGroup;
                    for (int i = 0; i < outH; i++) {
                        for (int j = 0; j < outW; j++) {
                            double sum = 0;
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int row = i * stride + u - p;
                                    int col = j * stride + v - p;
                                    if (row < 0 || row >= h || col < 0 || col >= w) {
                                        continue;
                                    }
                                    double weight = ks[((b * groups * k * k + g * k * k + u * k + v)
                                            * outH + i) * outW + j];
                                    sum += weight * xs[((b * channels + c) * h + row) * w + col];
                                }
                            }
                            expected[((b * channels + c) * outH + i) * outW + j] = (float) sum;
                        }
                    }
                }
            }
            assertArrayEquals(expected, out.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void rejectsGroupsThatDoNotDivideTheChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Involution(4, 3, 1, 3, 2, Activation::relu));
        assertEquals("involution groups (3) must divide the channels (4)", e.getMessage());
    }

    @Test
    void rejectsEvenKernels() {
        assertThrows(IllegalArgumentException.class, () -> new Involution(4, 2, 1, 1, 2, Activation::relu));
    }

    @Test
    void gradientReachesTheKernelGenerator() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Involution inv = new Involution(2, 3, 1, 1, 1, Activation::gelu);
            Shape shape = new Shape(2, 2, 4, 4);
            inv.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomNormal(shape);
            try (var collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = inv.forward(new ParameterStore(manager, false), new NDList(x), true)
                        .singletonOrThrow();
                collector.backward(y.square().sum());
            }
            double total = 0;
            for (var p : inv.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    total += p.getValue().getArray().getGradient().abs().sum().getFloat();
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(total > 0, "no gradient reached the generator");
        }
    }
}
