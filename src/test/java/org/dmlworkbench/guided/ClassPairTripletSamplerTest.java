package org.dmlworkbench.guided;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassPairTripletSamplerTest {

    /** 3 classes with 9, 6 and 12 images, labels interleaved. */
    private static int[] labels() {
        int[] counts = {9, 6, 12};
        int[] labels = new int[27];
        int[] left = counts.clone();
        for (int i = 0, c = 0; i < labels.length; c = (c + 1) % 3) {
            if (left[c] > 0) {
                labels[i++] = c;
                left[c]--;
            }
        }
        return labels;
    }

    @Test
    void oneBatchPerOrderedClassPairWithTripletsFromTheRightClasses() {
        int[] labels = labels();
        ClassPairTripletSampler sampler = new ClassPairTripletSampler(labels, 32, 5);
        // b = min(32, smallest class (6) / 2) = 3
        assertEquals(3, sampler.tripletsPerBatch());
        List<ClassPairTripletSampler.TripletBatch> batches = sampler.batches(0);
        assertEquals(6, batches.size());
        Set<String> pairs = new HashSet<>();
        for (ClassPairTripletSampler.TripletBatch batch : batches) {
            assertNotEquals(batch.anchorClass(), batch.negativeClass());
            pairs.add(batch.anchorClass() + "," + batch.negativeClass());
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                assertEquals(batch.anchorClass(), labels[batch.anchors()[i]]);
                assertEquals(batch.anchorClass(), labels[batch.positives()[i]]);
                assertEquals(batch.negativeClass(), labels[batch.negatives()[i]]);
                used.add(batch.anchors()[i]);
                used.add(batch.positives()[i]);
                used.add(batch.negatives()[i]);
            }
            assertEquals(9, used.size(), "anchors, positives and negatives are distinct images");
        }
        assertEquals(Set.of("0,1", "0,2", "1,0", "1,2", "2,0", "2,1"), pairs);
    }

    @Test
    void batchesArePureFunctionsOfSeedAndEpoch() {
        ClassPairTripletSampler a = new ClassPairTripletSampler(labels(), 2, 5);
        ClassPairTripletSampler b = new ClassPairTripletSampler(labels(), 2, 5);
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(a.batches(1).get(i).anchors(), b.batches(1).get(i).anchors());
        }
        boolean differs = false;
        for (int i = 0; i < 6; i++) {
            differs |= a.batches(1).get(i).anchorClass() != a.batches(2).get(i).anchorClass()
                    || a.batches(1).get(i).anchors()[0] != a.batches(2).get(i).anchors()[0];
        }
        assertTrue(differs, "another epoch draws other batches");
    }

    @Test
    void aClassWithOneImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassPairTripletSampler(new int[] {0, 0, 1}, 4, 1));
        assertTrue(e.getMessage().contains("class 1"), e.getMessage());
    }
}
