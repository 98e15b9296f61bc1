package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void shuffleCoversEveryIndexOnceAndRepeatsPerSeedAndEpoch() {
        ShuffleSampler sampler = new ShuffleSampler(10, 3, 42, false);
        List<int[]> batches = sampler.batches(0);
        assertEquals(List.of(3, 3, 3, 1), batches.stream().map(b -> b.length).toList());
        int[] all = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);

        assertTrue(same(batches, new ShuffleSampler(10, 3, 42, false).batches(0)));
        assertFalse(same(batches, sampler.batches(1)));
        assertFalse(same(batches, new ShuffleSampler(10, 3, 43, false).batches(0)));
        assertEquals(3, new ShuffleSampler(10, 3, 42, true).batches(0).size());
    }

    @Test
    void mPerClassBatchesHoldMImagesOfDistinctClasses() {
        // Classes 0..3 have 10 images each, class 4 only 2 (drawn with replacement).
        int[] labels = new int[42];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 4;
        }
        labels[40] = 4;
        labels[41] = 4;
        MPerClassSampler sampler = new MPerClassSampler(labels, 4, 12, 7);
        assertEquals(3, sampler.classesPerBatch());
        for (int epoch = 0; epoch < 20; epoch++) {
            List<int[]> batches = sampler.batches(epoch);
            assertEquals(42 / 12, batches.size());
            for (int[] batch : batches) {
                assertEquals(12, batch.length);
                Map<Integer, Integer> perClass = new HashMap<>();
                for (int index : batch) {
                    perClass.merge(labels[index], 1, Integer::sum);
                }
                assertEquals(Map.of(), filterNot4(perClass));
                for (int k = 0; k < 12; k += 4) {
                    int label = labels[batch[k]];
                    Set<Integer> images = new HashSet<>();
                    for (int j = k; j < k + 4; j++) {
                        assertEquals(label, labels[batch[j]], "m images of one class lie together");
                        images.add(batch[j]);
                    }
                    if (label != 4) {
                        assertEquals(4, images.size(), "a class with enough images gives distinct ones");
                    }
                }
            }
        }
    }

    @Test
    void mPerClassGivesEveryClassEqualTurnsAndIsDeterministic() {
        // 7 classes, 3 per batch, 70 batches = 210 turns = 30 full rounds: 30 turns each.
        int[] labels = new int[7 * 20 * 3];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 7;
        }
        MPerClassSampler sampler = new MPerClassSampler(labels, 2, 6, 11);
        assertEquals(70, sampler.batchesPerEpoch());
        List<int[]> batches = sampler.batches(3);
        int[] turns = new int[7];
        for (int[] batch : batches) {
            for (int k = 0; k < batch.length; k += 2) {
                turns[labels[batch[k]]]++;
            }
        }
        assertArrayEquals(new int[] {30, 30, 30, 30, 30, 30, 30}, turns);
        assertTrue(same(batches, new MPerClassSampler(labels, 2, 6, 11).batches(3)));
        assertFalse(same(batches, sampler.batches(4)));
        assertFalse(same(batches, new MPerClassSampler(labels, 2, 6, 12).batches(3)));
    }

    @Test
    void impossibleSettingsAreRefusedWithAReason() {
        int[] labels = {0, 1, 2, 0, 1, 2};
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> new MPerClassSampler(labels, 2, 8, 1));
        assertTrue(tooMany.getMessage().contains("needs 4 distinct classes per batch, but only 3 classes have 2 or more images"),
                tooMany.getMessage());
        IllegalArgumentException notMultiple = assertThrows(IllegalArgumentException.class,
                () -> new MPerClassSampler(labels, 4, 6, 1));
        assertTrue(notMultiple.getMessage().contains("multiple of m = 4"), notMultiple.getMessage());
    }

    private static Map<Integer, Integer> filterNot4(Map<Integer, Integer> perClass) {
        Map<Integer, Integer> wrong = new HashMap<>();
        perClass.forEach((label, count) -> {
            if (count != 4) {
                wrong.put(label, count);
            }
        });
        return wrong;
    }

    private static boolean same(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void singleImageClassesAreLeftOutOfMPerClassBatches() {
        // classes 0 and 1 have 3 images, classes 2..5 one each: no positive to offer
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 3, 4, 5};
        MPerClassSampler sampler = new MPerClassSampler(labels, 2, 4, 1);
        for (int epoch = 0; epoch < 5; epoch++) {
            for (int[] batch : sampler.batches(epoch)) {
                for (int index : batch) {
                    assertTrue(labels[index] <= 1, "image " + index + " of a single-image class was drawn");
                }
            }
        }
        assertTrue(sampler.describe().contains("4 single-image classes left out"), sampler.describe());
        IllegalArgumentException tooFew = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new MPerClassSampler(labels, 2, 6, 1));
        assertTrue(tooFew.getMessage().contains("only 2 classes have 2 or more images (4 have a single"),
                tooFew.getMessage());
    }

    @Test
    void autoShufflesFewLargeClassesAndDrawsPairsFromManySmallOnes() {
        int[] tenLarge = new int[1000];
        for (int i = 0; i < tenLarge.length; i++) {
            tenLarge[i] = i % 10;
        }
        BatchSampler large = BatchSamplers.auto(tenLarge, 128, 4, 1);
        assertTrue(large.describe().startsWith("shuffle"), large.describe());

        // 300 classes of 3 to 7 images, like Stanford Online Products (median 5)
        java.util.List<Integer> labels = new java.util.ArrayList<>();
        for (int c = 0; c < 300; c++) {
            for (int i = 0; i < 3 + c % 5; i++) {
                labels.add(c);
            }
        }
        int[] small = labels.stream().mapToInt(Integer::intValue).toArray();
        BatchSampler many = BatchSamplers.auto(small, 128, 4, 1);
        assertTrue(many.describe().startsWith("m-per-class (m 4, 32 classes per batch"), many.describe());
        for (int[] batch : many.batches(0)) {
            java.util.Map<Integer, Integer> perClass = new java.util.HashMap<>();
            for (int index : batch) {
                perClass.merge(small[index], 1, Integer::sum);
            }
            assertTrue(perClass.values().stream().allMatch(n -> n == 4), perClass.toString());
        }
        // median 2 images: pairs of 2
        int[] pairs = new int[400];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = i / 2;
        }
        assertTrue(BatchSamplers.auto(pairs, 64, 4, 1).describe().startsWith("m-per-class (m 2"));
    }
}
