package org.dmlworkbench.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dmlworkbench.data.DataFormatException;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.junit.jupiter.api.Test;

class DatasetDescriptionTest {

    private static ImageSet set(int channels, int[] labels) {
        return new ImageSet(channels, 4, 5, new byte[labels.length * channels * 20], labels,
                List.of("cat", "dog"), null);
    }

    @Test
    void classCountsCountEachSplitPerLabel() {
        // train labels 0,1,1,1 -> cat 1, dog 3; test labels 1,0 -> cat 1, dog 1
        Dataset dataset = new Dataset("pets", "image-folder", "/data/pets", set(1, new int[] {0, 1, 1, 1}),
                set(1, new int[] {1, 0}), List.of(), "none");
        assertEquals(List.of(new ClassCount(0, "cat", 1, 1), new ClassCount(1, "dog", 3, 1)),
                ClassCount.of(dataset));
    }

    @Test
    void summarySaysWhatTheDataHoldsAndWhereItCameFrom() {
        Dataset colour = new Dataset("pets", "image-folder", "/data/pets", set(3, new int[1234]),
                set(3, new int[] {1, 0}), List.of(), "3x4x5 center-crop");
        assertEquals("1,234 train / 2 test images in 2 classes, 3×4×5 colour\n"
                + "From /data/pets (image folder); conversion 3x4x5 center-crop", DatasetDescription.summary(colour));
        Dataset grey = new Dataset("mnist", "idx", "/usr/share/datasets/mnist", set(1, new int[] {0}),
                set(1, new int[] {1}), List.of(), "none");
        assertEquals("1 train / 1 test images in 2 classes, 1×4×5 grey\n"
                + "From /usr/share/datasets/mnist (idx); stored size, no conversion", DatasetDescription.summary(grey));
    }

    @Test
    void skipBadIsSuggestedOnlyForUnreadableImagesNotForBrokenIdxOrCifarFiles() {
        assertTrue(DataViewModel.isBadImage(new DataFormatException("/d/cat/1.png", "is corrupt")));
        assertTrue(DataViewModel.isBadImage(new DataFormatException("/d/cat/notes.txt", "is not an image")));
        assertFalse(DataViewModel.isBadImage(new DataFormatException("/d/train-images-idx3-ubyte.gz", "bad magic")));
        assertFalse(DataViewModel.isBadImage(new DataFormatException("/d/t10k-labels-idx1-ubyte#3", "bad label")));
        assertFalse(DataViewModel.isBadImage(new DataFormatException("/d/data_batch_1.bin", "short record")));
        assertFalse(DataViewModel.isBadImage(new IllegalStateException("other")));
    }
}
