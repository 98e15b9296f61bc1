package org.dmlworkbench.ui.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ModelSizeTest {

    @Test
    void sizesReadInDecimalMegabytesWithTheOneMegabyteLineAtAMillionBytes() {
        // 467,848 / 10^6 = 0.4678 -> "0.47 MB"; 44,990,360 / 10^6 = 44.99 -> "45.0 MB"
        assertEquals("0.47 MB", ModelSize.megabytes(467_848));
        assertEquals("45.0 MB", ModelSize.megabytes(44_990_360));
        assertEquals("under 1 MB", ModelSize.badge(999_999));
        assertEquals("1.0 MB", ModelSize.badge(1_000_000));
        assertTrue(ModelSize.underOneMegabyte(999_999));
        assertFalse(ModelSize.underOneMegabyte(1_000_000));
    }

    @Test
    void countsGroupThousandsAndShapesDropTheBatchAxis() {
        assertEquals("11,234,634", ModelSize.parameters(11_234_634));
        assertEquals("22", ModelSize.parameters(22));
        assertEquals("16 × 28 × 28", ModelSize.shape(new Shape(1, 16, 28, 28)));
        assertEquals("128", ModelSize.shape(new Shape(1, 128)));
    }
}
