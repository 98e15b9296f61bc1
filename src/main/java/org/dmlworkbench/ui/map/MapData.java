package org.dmlworkbench.ui.map;

import java.util.ArrayList;
import java.util.List;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.projection.Projection;
import org.dmlworkbench.search.GalleryIndex;
import org.dmlworkbench.search.Neighbor;
import org.dmlworkbench.ui.runview.LoadedRun;

/**
 * One computed map: the projection of a run's embeddings plus what the panel derives from the
 * shown points in embedding space (labels, leave-one-out 1-NN, an index for neighbour lists).
 * Point {@code p} of the map is image {@link #imageIndex(int)} of {@link LoadedRun#points()}.
 */
public final class MapData {

    private final LoadedRun run;
    private final Projection projection;
    private final int[] labels;
    private final int[] nearestOther;
    private final boolean[] wrong;
    private final int wrongCount;
    private final Embeddings shown;
    private final GalleryIndex shownIndex;

    private MapData(LoadedRun run, Projection projection, int[] labels, int[] nearestOther,
            Embeddings shown, GalleryIndex shownIndex) {
        this.run = run;
        this.projection = projection;
        this.labels = labels;
        this.nearestOther = nearestOther;
        this.shown = shown;
        this.shownIndex = shownIndex;
        this.wrong = new boolean[labels.length];
        int count = 0;
        for (int p = 0; p < labels.length; p++) {
            wrong[p] = nearestOther[p] >= 0 && labels[nearestOther[p]] != labels[p];
            count += wrong[p] ? 1 : 0;
        }
        this.wrongCount = count;
    }

    /**
     * Derives the labels, the leave-one-out 1-NN and the neighbour index of the shown points,
     * reusing those of an earlier map when it shows the same points of the same run: PCA and
     * t-SNE of one run usually do, and the 1-NN search is the costly part.
     */
    public static MapData build(LoadedRun run, Projection projection,
            java.util.Collection<MapData> earlier, Cancellation cancel) {
        int[] source = projection.sourceIndices();
        for (MapData previous : earlier) {
            if (previous.run == run
                    && java.util.Arrays.equals(previous.projection.sourceIndices(), source)) {
                return new MapData(run, projection, previous.labels, previous.nearestOther,
                        previous.shown, previous.shownIndex);
            }
        }
        Embeddings shown = run.embeddings().select(source);
        int[] labels = new int[source.length];
        for (int p = 0; p < source.length; p++) {
            labels[p] = run.points().label(source[p]);
        }
        cancel.throwIfCancelled();
        GalleryIndex index = GalleryIndex.build(shown, labels, null, "map");
        int[] nearest = LeaveOneOutNearest.compute(index, shown);
        cancel.throwIfCancelled();
        return new MapData(run, projection, labels, nearest, shown, index);
    }

    public LoadedRun run() {
        return run;
    }

    public Projection projection() {
        return projection;
    }

    public int size() {
        return labels.length;
    }

    /** The image (row of the embedded split) that map point {@code point} shows. */
    public int imageIndex(int point) {
        return projection.sourceIndices()[point];
    }

    public int label(int point) {
        return labels[point];
    }

    public String className(int point) {
        return run.className(labels[point]);
    }

    /** Whether the point's nearest other shown point has another class. */
    public boolean isWrong(int point) {
        return wrong[point];
    }

    public int wrongCount() {
        return wrongCount;
    }

    /** The nearest other shown point, or -1. */
    public int nearestOther(int point) {
        return nearestOther[point];
    }

    /**
     * The {@code k} shown points nearest {@code point} in embedding space, itself left out;
     * {@link Neighbor#index()} is a map point.
     */
    public List<Neighbor> neighbours(int point, int k) {
        List<Neighbor> found = shownIndex.search(shown.row(point), Math.min(k + 1, size()));
        List<Neighbor> others = new ArrayList<>(k);
        for (Neighbor n : found) {
            if (n.index() != point && others.size() < k) {
                others.add(n);
            }
        }
        return others;
    }

    /** Per-class counts of the shown points. */
    public int[] classCounts() {
        int[] counts = new int[run.dataset().classNames().size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
