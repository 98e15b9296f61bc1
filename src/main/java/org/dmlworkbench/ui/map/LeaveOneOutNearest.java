package org.dmlworkbench.ui.map;

import java.util.List;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.search.GalleryIndex;
import org.dmlworkbench.search.Neighbor;

/**
 * For every point of a set, its nearest other point of the same set (L2, leave-one-out), as the
 * map's "1-NN is wrong" colouring needs: a point is a retrieval failure when that neighbour has
 * another class.
 */
public final class LeaveOneOutNearest {

    private LeaveOneOutNearest() {}

    /**
     * @return for each row of {@code index}'s items, the index of its nearest other item (ties:
     *         the lower index), or -1 when the set has a single item
     */
    public static int[] compute(GalleryIndex index, Embeddings points) {
        int n = points.count();
        int[] nearest = new int[n];
        if (n < 2) {
            java.util.Arrays.fill(nearest, -1);
            return nearest;
        }
        // Two neighbours: itself and the nearest other, in either order when a duplicate exists.
        List<List<Neighbor>> found = index.search(points, 2);
        for (int i = 0; i < n; i++) {
            List<Neighbor> pair = found.get(i);
            nearest[i] = pair.get(0).index() != i ? pair.get(0).index() : pair.get(1).index();
        }
        return nearest;
    }
}
