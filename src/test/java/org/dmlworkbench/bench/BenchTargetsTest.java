package org.dmlworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTargetsTest {

    @Test
    void verdictSaysMetOrByHowMuchItMissed() {
        BenchTargets.Target atLeast = new BenchTargets.Target("x", true, 1500, "images/s");
        assertEquals("target >= 1,500 images/s: met", atLeast.verdict(1500));
        // (1500 - 1200) / 1500 = 20 %.
        assertEquals("target >= 1,500 images/s: MISSED by 20%", atLeast.verdict(1200));
        BenchTargets.Target atMost = new BenchTargets.Target("y", false, 20, "ms");
        assertEquals("target <= 20 ms: met", atMost.verdict(19.9));
        // (30 - 20) / 20 = 50 %.
        assertEquals("target <= 20 ms: MISSED by 50%", atMost.verdict(30));
    }

    @Test
    void annotateAddsTheSlowdownRowAndVerdicts() {
        List<BenchResult> rows = List.of(
                new BenchResult("train hybrid1 28x28x1 ms+ce", "b", BenchStats.of(1000), "images/s", ""),
                new BenchResult("train hybrid1 28x28x1 ce", "b", BenchStats.of(1250), "images/s", "n"),
                new BenchResult("untargeted", "b", BenchStats.of(1), "s", ""));
        List<BenchResult> out = BenchTargets.annotate(rows);
        assertEquals(4, out.size());
        // 1250 / 1000 - 1 = 25 % slower per image, above the 10 % bound: missed by 150 %.
        BenchResult slowdown = out.get(3);
        assertEquals(BenchTargets.SLOWDOWN_CASE, slowdown.benchCase());
        assertEquals(25, slowdown.stats().median(), 1e-9);
        assertTrue(slowdown.note().endsWith("target <= 10 %: MISSED by 150%"), slowdown.note());
        assertEquals("target >= 1,500 images/s: MISSED by 33%", out.get(0).note());
        assertEquals("n", out.get(1).note());
        assertEquals("", out.get(2).note());
    }
}
