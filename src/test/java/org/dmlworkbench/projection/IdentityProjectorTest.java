package org.dmlworkbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class IdentityProjectorTest {

    @Test
    void showsTwoDimensionalEmbeddingsAsTheyAre() {
        Embeddings points = Embeddings.of(new float[][] {{1.5f, -2}, {0, 3}, {7, 7}});
        Projection map = new IdentityProjector().project(points, ProgressListener.NONE,
                Cancellation.none());
        assertArrayEquals(new float[] {1.5f, 0, 7}, map.x());
        assertArrayEquals(new float[] {-2, 3, 7}, map.y());
        assertArrayEquals(new int[] {0, 1, 2}, map.sourceIndices());
    }

    @Test
    void rejectsThreeDimensionsNamingTheProblem() {
        Embeddings points = Embeddings.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new IdentityProjector().project(points, ProgressListener.NONE,
                        Cancellation.none()));
        assertTrue(error.getMessage().contains("3 dimensions"), error.getMessage());
        assertTrue(error.getMessage().contains("PCA or t-SNE"), error.getMessage());
    }
}
