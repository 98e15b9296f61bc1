package org.dmlworkbench.ui.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * What the window remembers between starts, as stored in {@code settings.json} of the workbench
 * home. A plain Gson object: fields absent from an older file stay at these defaults, and a
 * value the program no longer knows is ignored where it is used.
 */
public final class WorkbenchSettings {

    /** Recent runs listed under File › Open recent. */
    public static final int MAX_RECENT = 10;

    /** "LIGHT" or "DARK". */
    public String theme = "LIGHT";
    /** Window bounds in screen coordinates; NaN until the window was first closed. */
    public double windowX = Double.NaN;
    public double windowY = Double.NaN;
    public double windowWidth = Double.NaN;
    public double windowHeight = Double.NaN;
    public boolean maximized;
    /** The panel on show, e.g. "map". */
    public String panel;
    /** The last data set opened: a named set or a folder path. */
    public String lastData;
    /** The last run on show (its folder). */
    public String lastRun;
    /** Run folders, most recent first, at most {@link #MAX_RECENT}. */
    public List<String> recentRuns = new ArrayList<>();
    /** Embedding map: the projection chosen and the colouring. */
    public String mapMethod;
    public String mapColourMode;

    /** Puts {@code folder} first in the recent runs, once, keeping at most {@link #MAX_RECENT}. */
    public void addRecentRun(String folder) {
        if (recentRuns == null) {
            recentRuns = new ArrayList<>();
        }
        recentRuns.remove(folder);
        recentRuns.add(0, folder);
        while (recentRuns.size() > MAX_RECENT) {
            recentRuns.remove(recentRuns.size() - 1);
        }
    }

    public boolean hasWindowBounds() {
        return Double.isFinite(windowX) && Double.isFinite(windowY)
                && Double.isFinite(windowWidth) && Double.isFinite(windowHeight)
                && windowWidth > 0 && windowHeight > 0;
    }
}
