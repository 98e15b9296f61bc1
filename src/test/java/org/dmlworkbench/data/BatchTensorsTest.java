package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTensorsTest {

    @Test
    void imagesAndLabelsBecomeNormalisedTensorsInIndexOrder() {
        byte[] pixels = TestFiles.patternPixels(4, 3 * 2 * 3, 6);
        ImageSet set = new ImageSet(3, 2, 3, pixels, new int[] {3, 1, 0, 2}, List.of("a", "b", "c", "d"), null);
        Normalization norm = new Normalization(new float[] {0.5f, 0.25f, 0f}, new float[] {0.5f, 2f, 1f});
        int[] indices = {2, 0};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = BatchTensors.images(manager, set, indices, norm);
            assertEquals(new Shape(2, 3, 2, 3), images.getShape());
            assertEquals(DataType.FLOAT32, images.getDataType());
            float[] values = images.toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    for (int r = 0; r < 2; r++) {
                        for (int x = 0; x < 3; x++) {
                            double expected = (set.pixel(indices[b], c, r, x) / 255.0 - norm.mean()[c]) / norm.std()[c];
                            assertEquals(expected, values[((b * 3 + c) * 2 + r) * 3 + x], 1e-5);
                        }
                    }
                }
            }
            NDArray labels = BatchTensors.labels(manager, set, indices);
            assertEquals(DataType.INT64, labels.getDataType());
            assertArrayEquals(new long[] {0, 3}, labels.toLongArray());
            // No normalisation: v/255.
            assertEquals(set.pixel(0, 1, 1, 2) / 255.0,
                    BatchTensors.images(manager, set, new int[] {0}, null).toFloatArray()[6 + 5], 1e-6);
        }
    }
}
