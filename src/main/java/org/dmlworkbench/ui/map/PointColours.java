package org.dmlworkbench.ui.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.paint.Color;
import org.dmlworkbench.ui.map.MapViewModel.ColourMode;
import org.dmlworkbench.ui.map.MapViewModel.Colouring;
import org.dmlworkbench.ui.map.MapViewModel.LegendEntry;
import org.dmlworkbench.ui.runview.ClassPalette;

/** Colours the points of a map for a {@link ColourMode}, with the legend that explains them. */
final class PointColours {

    private PointColours() {}

    /** Point colours and legend for {@code data} (null: no map on show) in {@code mode}. */
    static Colouring of(MapData data, ColourMode mode) {
        if (data == null) {
            return new Colouring(new int[0], new Color[0], List.of());
        }
        int[] colourOf = new int[data.size()];
        List<LegendEntry> legend = new ArrayList<>();
        if (mode == ColourMode.NN_WRONG) {
            // Right first, wrong second: the failures are drawn on top.
            Color[] palette = {ClassPalette.RIGHT, ClassPalette.WRONG};
            for (int p = 0; p < colourOf.length; p++) {
                colourOf[p] = data.isWrong(p) ? 1 : 0;
            }
            int wrong = data.wrongCount();
            legend.add(new LegendEntry(String.format(Locale.ROOT, "1-NN wrong (%.1f%%)",
                    100.0 * wrong / Math.max(1, data.size())), ClassPalette.WRONG, wrong));
            legend.add(new LegendEntry("1-NN right", ClassPalette.RIGHT, data.size() - wrong));
            return new Colouring(colourOf, palette, legend);
        }
        int[] counts = data.classCounts();
        Color[] palette = ClassPalette.colours(counts.length);
        for (int p = 0; p < colourOf.length; p++) {
            colourOf[p] = data.label(p);
        }
        for (int label = 0; label < counts.length; label++) {
            legend.add(new LegendEntry(data.run().className(label), palette[label], counts[label]));
        }
        return new Colouring(colourOf, palette, legend);
    }
}
