package org.dmlworkbench.ui.window;

import java.util.List;
import javafx.scene.input.KeyCombination;

/**
 * One keyboard shortcut of the window: the menu item that carries it and what it does. The list
 * {@link #ALL} is the one place shortcuts are defined: the menus are built from it and Help ›
 * Keyboard shortcuts lists it, so the two cannot disagree.
 *
 * @param id what the window does, e.g. "train-start" (MainController binds each id to an action)
 * @param menu the menu it appears in
 * @param label the menu item's text
 * @param keys the key combination
 */
public record Shortcut(String id, String menu, String label, KeyCombination keys) {

    public static final String FILE = "File";
    public static final String VIEW = "View";
    public static final String RUN = "Run";
    public static final String HELP = "Help";

    /** In menu order. Ctrl is Cmd on macOS (KeyCombination's "Shortcut"). */
    public static final List<Shortcut> ALL = List.of(
            new Shortcut("open-run", FILE, "Open run folder...", KeyCombination.keyCombination("Shortcut+O")),
            new Shortcut("open-data", FILE, "Open data folder...", KeyCombination.keyCombination("Shortcut+Shift+O")),
            panel(1, "data", "Data"),
            panel(2, "architecture", "Architecture"),
            panel(3, "training", "Training"),
            panel(4, "map", "Embedding map"),
            panel(5, "query", "Query"),
            panel(6, "runs", "Runs"),
            panel(7, "study", "Study"),
            new Shortcut("train-start", RUN, "Start training", KeyCombination.keyCombination("F5")),
            new Shortcut("train-pause", RUN, "Pause or resume training", KeyCombination.keyCombination("F6")),
            new Shortcut("train-stop", RUN, "Stop training (keeps a checkpoint)", KeyCombination.keyCombination("Shift+F5")),
            new Shortcut("query-map-point", RUN, "Query with the selected map point", KeyCombination.keyCombination("Shortcut+F")),
            new Shortcut("map-fit", RUN, "Fit the map to all points", KeyCombination.keyCombination("Shortcut+0")),
            new Shortcut("help-shortcuts", HELP, "Keyboard shortcuts", KeyCombination.keyCombination("F1")));

    private static Shortcut panel(int number, String name, String title) {
        return new Shortcut("panel-" + name, VIEW, "Show " + title,
                KeyCombination.keyCombination("Shortcut+" + number));
    }

    /** The panel a "panel-NAME" shortcut shows, or null. */
    public String panel() {
        return id.startsWith("panel-") ? id.substring("panel-".length()) : null;
    }

    public static Shortcut byId(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shortcut '" + id + "'"));
    }
}
