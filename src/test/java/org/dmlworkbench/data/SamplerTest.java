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
        assertTrue(tooMany.getMessage().contains("needs 4 distinct classes per batch, but the labels hold only 3"),
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
}
