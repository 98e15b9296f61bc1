package org.dmlworkbench.projection;

import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;

/** Measures shared by the t-SNE tests. */
final class MapChecks {

    private MapChecks() {
    }

    /** Mean share of each map point's k nearest map neighbours that carry its own label. */
    static double labelPurity(Projection map, int[] labels, int k) {
        int n = map.size();
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = map.x()[i];
            xy[2 * i + 1] = map.y()[i];
        }
        NearestNeighbours knn = NearestNeighbours.exact(xy, n, 2, k, "test",
                ProgressListener.NONE, Cancellation.none());
        int same = 0;
        for (int i = 0; i < n; i++) {
            int label = labels[map.sourceIndices()[i]];
            for (int s = i * k; s < (i + 1) * k; s++) {
                if (labels[map.sourceIndices()[knn.indices()[s]]] == label) {
                    same++;
                }
            }
        }
        return same / (double) (n * k);
    }

    static boolean allFinite(Projection map) {
        for (int i = 0; i < map.size(); i++) {
            if (!Float.isFinite(map.x()[i]) || !Float.isFinite(map.y()[i])) {
                return false;
            }
        }
        return true;
    }
}
