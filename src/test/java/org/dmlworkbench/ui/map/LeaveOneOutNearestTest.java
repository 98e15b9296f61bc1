package org.dmlworkbench.ui.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.search.GalleryIndex;
import org.junit.jupiter.api.Test;

class LeaveOneOutNearestTest {

    @Test
    void eachPointGetsItsNearestOtherPoint() {
        // On a line: 0, 1, 3, 7. Nearest others by hand: 0 -> 1, 1 -> 0, 3 -> 1, 7 -> 3.
        Embeddings points = Embeddings.of(new float[][] {{0, 0}, {1, 0}, {3, 0}, {7, 0}});
        GalleryIndex index = GalleryIndex.build(points, new int[] {0, 0, 1, 1}, null, "");
        assertArrayEquals(new int[] {1, 0, 1, 2}, LeaveOneOutNearest.compute(index, points));
    }

    @Test
    void aDuplicateIsTheNearestOtherEvenWhenItRanksBeforeThePointItself() {
        // Rows 0 and 2 are equal: at distance 0 the lower index ranks first, so for row 2 the
        // search returns 0 before 2; the nearest other of 0 is 2 and of 2 is 0.
        Embeddings points = Embeddings.of(new float[][] {{5, 5}, {0, 0}, {5, 5}});
        GalleryIndex index = GalleryIndex.build(points, new int[] {0, 1, 1}, null, "");
        assertArrayEquals(new int[] {2, 0, 0}, LeaveOneOutNearest.compute(index, points));
    }

    @Test
    void aSinglePointHasNoNeighbour() {
        Embeddings points = Embeddings.of(new float[][] {{1, 2}});
        GalleryIndex index = GalleryIndex.build(points, new int[] {0}, null, "");
        assertArrayEquals(new int[] {-1}, LeaveOneOutNearest.compute(index, points));
    }
}
