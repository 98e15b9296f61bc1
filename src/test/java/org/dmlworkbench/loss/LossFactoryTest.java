package org.dmlworkbench.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossFactoryTest {

    @Test
    void singleNamesBuildTheirLoss() {
        assertInstanceOf(MultiSimilarityLoss.class, LossFactory.create("ms", null));
        assertInstanceOf(MultiSimilarityLoss.class, LossFactory.create("Multi-Similarity", null));
        assertInstanceOf(CrossEntropyLoss.class, LossFactory.create("cross-entropy", Map.of()));
        assertInstanceOf(ContrastiveLoss.class, LossFactory.create("contrastive", Map.of()));
        assertInstanceOf(TripletMarginLoss.class, LossFactory.create("triplet", Map.of()));
        assertInstanceOf(BandedContrastiveLoss.class, LossFactory.create("banded", Map.of()));
    }

    @Test
    void theOldNameMarginStillReadsAsTheBandedLossWithItsParameters() {
        // runs made before the rename keep loss "margin" and keys "margin.beta" in config.json
        EmbeddingLoss old = LossFactory.create("margin", Map.of("margin.beta", "0.9"));
        assertInstanceOf(BandedContrastiveLoss.class, old);
        assertEquals("banded", old.getName());
        assertEquals(0.9, old.describe().get("beta"));
        assertEquals(0.9, LossFactory.create("banded", Map.of("banded.beta", "0.9"))
                .describe().get("beta"));
    }

    @Test
    void plusGivesUnitWeights() {
        LossSpec spec = LossFactory.parse("ms+ce", Map.of());
        assertEquals(List.of(new LossSpec.Term(LossKind.MS, 1), new LossSpec.Term(LossKind.CE, 1)),
                spec.terms());
        assertTrue(spec.needsClassifier());
        assertEquals("ms+ce", spec.canonical());
        WeightedSumLoss loss = assertInstanceOf(WeightedSumLoss.class, spec.build());
        assertTrue(loss.needsClassifier());
        assertEquals(List.of("ms", "ce"), loss.terms().stream().map(WeightedSumLoss.Term::name)
                .toList());
    }

    @Test
    void explicitWeights() {
        LossSpec spec = LossFactory.parse(" ms:0.5 , CE:1 ", null);
        assertEquals(0.5, spec.terms().get(0).weight());
        assertEquals(1.0, spec.terms().get(1).weight());
        assertEquals("ms:0.5,ce:1", spec.canonical());
        assertFalse(LossFactory.parse("ms:2", null).needsClassifier());
        assertInstanceOf(WeightedSumLoss.class, LossFactory.create("ms:2", null));
    }

    @Test
    void effectiveParametersFillDefaults() {
        LossSpec spec = LossFactory.parse("ms+ce", Map.of("ms.alpha", "3", "MS.mining", "off"));
        assertEquals(Map.of("ms.alpha", 3.0, "ms.beta", 50.0, "ms.base", 0.5, "ms.epsilon", 0.1,
                "ms.mining", false), spec.parameters());
        Map<String, Object> described = spec.describe();
        assertEquals("ms+ce", described.get("spec"));
        assertEquals(spec.parameters(), described.get("parameters"));
        assertEquals(true, described.get("needsClassifier"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> terms = (List<Map<String, Object>>) described.get("terms");
        @SuppressWarnings("unchecked")
        Map<String, Object> msSettings = (Map<String, Object>) terms.get(0).get("settings");
        assertEquals(3.0, msSettings.get("alpha"));
        assertEquals("none", msSettings.get("miner"));
        assertEquals("cosine", msSettings.get("distance"));
        // The recorded parameters rebuild the same spec.
        LossSpec again = LossFactory.parse(spec.canonical(), spec.stringParameters());
        assertEquals(spec.parameters(), again.parameters());
        assertEquals(spec.terms(), again.terms());
    }

    @Test
    void everyLossHasPaperDefaults() {
        Map<String, Object> all = LossFactory.parse("contrastive+triplet+margin", null)
                .parameters();
        assertEquals(0.0, all.get("contrastive.pos-margin"));
        assertEquals(1.0, all.get("contrastive.neg-margin"));
        assertEquals(0.2, all.get("triplet.margin"));
        assertEquals("all", all.get("triplet.mining"));
        assertEquals(true, all.get("triplet.squared"));
        assertEquals(0.2, all.get("banded.margin"));
        assertEquals(1.2, all.get("banded.beta"));
        assertTrue(LossFactory.parse("ce", null).parameters().isEmpty());
    }

    @Test
    void parametersReachTheLoss() {
        // Margins 0.3 / 1.4 instead of 0 / 1 must change the value as the reference says.
        double[][] e = LossHarness.unitRows(21, 6, 3);
        long[] labels = {0, 0, 1, 1, 2, 2};
        EmbeddingLoss loss = LossFactory.create("contrastive",
                Map.of("contrastive.pos-margin", "0.3", "contrastive.neg-margin", "1.4"));
        assertEquals(ReferenceLosses.contrastive(e, labels, 0.3, 1.4),
                LossHarness.value(loss, e, labels, null), 1e-5);
        EmbeddingLoss semiHard = LossFactory.create("triplet",
                Map.of("triplet.mining", "semihard", "triplet.margin", "0.5",
                        "triplet.squared", "false"));
        assertEquals(ReferenceLosses.triplet(e, labels, 0.5, false, "semihard"),
                LossHarness.value(semiHard, e, labels, null), 1e-5);
    }

    @Test
    void tripletSemihardPresetsMining() {
        LossSpec spec = LossFactory.parse("triplet-semihard", null);
        assertEquals("semihard", spec.parameters().get("triplet.mining"));
        assertEquals("triplet", spec.canonical());
        assertEquals("semihard", LossFactory.parse("triplet-semihard",
                Map.of("triplet.mining", "semi-hard")).parameters().get("triplet.mining"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("triplet-semihard", Map.of("triplet.mining", "hard")));
        assertTrue(error.getMessage().contains("fixes triplet.mining=semihard"),
                error.getMessage());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("ms+arcface", null));
        assertEquals("unknown loss 'arcface' in 'ms+arcface'; valid names: ce, cross-entropy, "
                + "contrastive, triplet, triplet-semihard, banded, margin, ms, multi-similarity, ntxent,"
                + " infonce, rsk, recall-surrogate, metrix; against a teacher (--method asymmetric):"
                + " asym-reg, asym-contr, asym-contr+, asym-triplet, asym-ms, rkd, darkrank",
                error.getMessage());
    }

    @Test
    void unknownOrForeignKeysListTheValidOnes() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("ms", Map.of("ms.gamma", "1")));
        assertTrue(unknown.getMessage().startsWith("unknown loss parameter 'ms.gamma' for 'ms'; "
                + "valid keys: ms.alpha, ms.beta, ms.base, ms.epsilon, ms.mining"),
                unknown.getMessage());
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("ce", Map.of("triplet.margin", "1")));
        assertTrue(foreign.getMessage().contains("belongs to loss 'triplet', which is not in "
                + "'ce'"), foreign.getMessage());
    }

    @Test
    void badValuesAndWeightsAreExplained() {
        assertMessage("loss parameter ms.alpha: expected a number > 0, got '-1'",
                () -> LossFactory.parse("ms", Map.of("ms.alpha", "-1")));
        assertMessage("loss parameter ms.mining: expected true or false, got 'maybe'",
                () -> LossFactory.parse("ms", Map.of("ms.mining", "maybe")));
        assertMessage("weight of 'ms' in 'ms:abc,ce' must be a number > 0, got 'abc'",
                () -> LossFactory.parse("ms:abc,ce", null));
        assertMessage("weight of 'ce' in 'ms+ce:0' must be a number > 0, got '0'",
                () -> LossFactory.parse("ms+ce:0", null));
        assertMessage("loss 'ms' appears twice in 'ms+multi-similarity'; give each loss once",
                () -> LossFactory.parse("ms+multi-similarity", null));
        assertMessage("empty loss term in 'ms++ce'; write terms as name or name:weight "
                + "separated by '+' or ','", () -> LossFactory.parse("ms++ce", null));
        IllegalArgumentException margins = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse("contrastive", Map.of("contrastive.neg-margin", "0")));
        assertTrue(margins.getMessage().contains("negative margin 0.0"), margins.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> LossFactory.parse(" ", null));
        assertTrue(blank.getMessage().startsWith("no loss given; choose from ce,"));
    }

    private static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                action::run);
        assertEquals(expected, error.getMessage());
    }
}
