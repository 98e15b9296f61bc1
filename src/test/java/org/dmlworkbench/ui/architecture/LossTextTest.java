package org.dmlworkbench.ui.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LossTextTest {

    @Test
    void aBareExpressionHasNoParameters() {
        assertEquals(new LossText("ms+ce", Map.of()), LossText.parse("ms+ce"));
        assertEquals(new LossText("ms+ce", Map.of()), LossText.parse("  ms + ce "));
        assertEquals(new LossText("ms:0.5,ce:1", Map.of()), LossText.parse("ms:0.5, ce:1"));
    }

    @Test
    void keyValuePairsAnywhereAreParametersAndTheRestIsTheExpression() {
        Map<String, String> params = Map.of("ms.alpha", "2", "ms.beta", "50");
        assertEquals(new LossText("ms+ce", params), LossText.parse("ms+ce; ms.alpha=2, ms.beta=50"));
        assertEquals(new LossText("ms:0.5,ce:1", params), LossText.parse("ms:0.5,ce:1,ms.alpha = 2 ms.beta=50"));
        assertEquals(new LossText("ms:0.5,ce:1", Map.of("ms.alpha", "2")), LossText.parse("ms:0.5, ms.alpha=2, ce:1"));
    }

    @Test
    void malformedTextIsRejectedWithAReason() {
        IllegalArgumentException noExpression = assertThrows(IllegalArgumentException.class,
                () -> LossText.parse("ms.alpha=2"));
        assertTrue(noExpression.getMessage().contains("give a loss expression"), noExpression.getMessage());
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
                () -> LossText.parse("ms+ce; ms.alpha="));
        assertTrue(noValue.getMessage().contains("not a key=value pair"), noValue.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> LossText.parse("ms+ce; ms.alpha=2, ms.alpha=3"));
        assertEquals("ms.alpha is given twice", twice.getMessage());
    }

    @Test
    void formatWritesWhatParseReads() {
        Map<String, String> params = Map.of("ms.beta", "50", "ms.alpha", "2");
        String text = LossText.format("ms+ce", params);
        assertEquals("ms+ce; ms.alpha=2, ms.beta=50", text);
        assertEquals(new LossText("ms+ce", params), LossText.parse(text));
        assertEquals("ce", LossText.format("ce", Map.of()));
    }
}
