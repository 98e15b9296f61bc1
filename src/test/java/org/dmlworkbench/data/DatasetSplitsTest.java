package org.dmlworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSplitsTest {

    /** One-pixel images whose value is (label * 10 + index within its split), for tracing. */
    static ImageSet images(int[] labels, List<String> classes, int offset) {
        byte[] pixels = new byte[labels.length];
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            pixels[i] = (byte) (offset + i);
            sources.add("img" + (offset + i));
        }
        return new ImageSet(1, 1, 1, pixels, labels, classes, sources);
    }

    static final List<String> CLASSES = List.of("a", "b", "c", "d", "e");

    /** Classes a..e: train holds 2 images of each, test 1 of each. */
    static Dataset fiveClasses() {
        return new Dataset("five", "test", "here", images(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, CLASSES, 0),
                images(new int[] {0, 1, 2, 3, 4}, CLASSES, 100), List.of(), "none");
    }

    @Test
    void autoKeepsTheDataAsRead() {
        Dataset data = fiveClasses();
        assertSame(data, DatasetSplits.apply(data, SplitSpec.auto()));
        assertSame(data, DatasetSplits.apply(data, SplitSpec.images()), "already the same classes");
    }

    @Test
    void classesPutTheFirstFractionOfClassesInTrainingAndEveryImageOfTheOthersInTest() {
        Dataset split = DatasetSplits.apply(fiveClasses(), SplitSpec.classes(0.4));
        // round(5 * 0.4) = 2 training classes: a, b; c, d, e are unseen, with all 3 images each
        assertEquals(CLASSES, split.classNames(), "a..e already lists the training classes first");
        assertEquals(List.of("a", "b"), Dataset.classesOf(split.train()));
        assertEquals(List.of("c", "d", "e"), Dataset.classesOf(split.test()));
        assertEquals(2, split.trainClassCount());
        assertArrayEquals(new int[] {3, 3, 0, 0, 0}, split.train().classCounts());
        assertArrayEquals(new int[] {0, 0, 3, 3, 3}, split.test().classCounts());
        assertEquals(List.of("img0", "img1", "img2", "img3", "img100", "img101"),
                sources(split.train()), "train images first, then test images, each in order");
        assertTrue(split.conversion().endsWith("2 training classes, 3 unseen test classes"),
                split.conversion());
    }

    @Test
    void namedTestClassesMoveTheTrainingClassesToTheFrontOfTheClassList() {
        Dataset split = DatasetSplits.apply(fiveClasses(),
                SplitSpec.testClasses(List.of("a", "d"), "test-classes.txt"));
        assertEquals(List.of("b", "c", "e", "a", "d"), split.classNames());
        assertEquals(3, split.trainClassCount());
        assertArrayEquals(new int[] {3, 3, 3, 0, 0}, split.train().classCounts());
        // the images of 'a' (old label 0) are now label 3
        assertEquals(List.of("img0", "img1", "img6", "img7", "img100", "img103"), sources(split.test()));
        assertEquals(3, split.test().label(0));
    }

    @Test
    void aBadClassChoiceIsOneSentenceNamingTheFileOrOption() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> DatasetSplits.apply(fiveClasses(), SplitSpec.testClasses(List.of("zebra"), "mine.txt")));
        assertEquals("mine.txt names the class 'zebra', which 'five' does not have (it has a, b, c, d, e)",
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatasetSplits.apply(fiveClasses(),
                SplitSpec.testClasses(CLASSES, "all.txt")));
        Dataset oneClass = new Dataset("one", "test", "here", images(new int[] {0, 0}, List.of("a"), 0),
                images(new int[] {0}, List.of("a"), 10), List.of(), "none");
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> DatasetSplits.apply(oneClass, SplitSpec.classes(0.5)));
        assertTrue(single.getMessage().startsWith("--split classes needs at least 2 classes"), single.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SplitSpec("classes", 1.5, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SplitSpec("images", 0.3, null, null));
        assertThrows(IllegalArgumentException.class, () -> new SplitSpec("halves", 0, null, null));
    }

    @Test
    void imagesReSplitsDisjointDataEveryFifthImageOfEachClass() {
        // train holds class a (6 images), test class b (5 images): disjoint
        Dataset disjoint = new Dataset("dis", "test", "here",
                images(new int[] {0, 0, 0, 0, 0, 0}, List.of("a", "b"), 0),
                images(new int[] {1, 1, 1, 1, 1}, List.of("a", "b"), 100), List.of(), "none");
        Dataset split = DatasetSplits.apply(disjoint, SplitSpec.images());
        assertArrayEquals(new int[] {5, 4}, split.train().classCounts());
        assertArrayEquals(new int[] {1, 1}, split.test().classCounts());
        assertEquals(List.of("img4", "img104"), sources(split.test()));
    }

    private static List<String> sources(ImageSet set) {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            sources.add(set.source(i).orElseThrow());
        }
        return sources;
    }
}
