package org.dmlworkbench.ui.map;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dmlworkbench.projection.Projection;
import org.dmlworkbench.ui.runview.LoadedRun;

/**
 * Names the points a projection could not place (UMAP's small disconnected groups), so the map
 * never loses them silently: how many per class and the first image numbers, which a user can
 * look up in the Data or Query tab.
 */
public final class LeftOutText {

    /** Image numbers listed before "and N more": enough to find them, short enough to read. */
    static final int LISTED = 20;

    private LeftOutText() {}

    /** "Not shown: 7 sandal, 1 bag — test #12, #45, ...", or "" when nothing was left out. */
    public static String of(LoadedRun run, Projection projection) {
        int[] leftOut = projection.leftOut();
        if (leftOut.length == 0) {
            return "";
        }
        Map<String, Integer> perClass = new TreeMap<>();
        for (int image : leftOut) {
            perClass.merge(run.className(run.points().label(image)), 1, Integer::sum);
        }
        String classes = perClass.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%,d %s", entry.getValue(), entry.getKey()))
                .collect(Collectors.joining(", "));
        StringBuilder images = new StringBuilder();
        for (int i = 0; i < Math.min(LISTED, leftOut.length); i++) {
            images.append(i == 0 ? "" : ", ").append('#').append(leftOut[i]);
        }
        if (leftOut.length > LISTED) {
            images.append(String.format(Locale.ROOT, " and %,d more", leftOut.length - LISTED));
        }
        return "Not shown: " + classes + " (" + run.split() + " images " + images + ").";
    }
}
