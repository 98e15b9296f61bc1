package org.dmlworkbench.ui.window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/** Builds the menu items of {@link Shortcut#ALL} and the File › Open recent list. */
public final class WindowMenus {

    private WindowMenus() {}

    /**
     * Adds one item per shortcut to the menu of its name (File items go first, Help items before
     * About, the others at the end). A menu item's accelerator is what makes the keys work
     * anywhere in the window.
     */
    public static void install(MenuBar bar, Consumer<Shortcut> action) {
        int fileIndex = 0;
        for (Shortcut shortcut : Shortcut.ALL) {
            Menu menu = bar.getMenus().stream()
                    .filter(m -> m.getText().replace("_", "").equals(shortcut.menu()))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "main.fxml has no " + shortcut.menu() + " menu"));
            MenuItem item = new MenuItem(shortcut.label());
            item.setId("menu-" + shortcut.id());
            item.setAccelerator(shortcut.keys());
            item.setOnAction(event -> action.accept(shortcut));
            switch (shortcut.menu()) {
                case Shortcut.FILE -> menu.getItems().add(fileIndex++, item);
                case Shortcut.HELP -> menu.getItems().add(0, item);
                default -> menu.getItems().add(item);
            }
        }
    }

    /** Lists the recent runs (most recent first); runs whose folder is gone are greyed out. */
    public static void fillRecent(Menu recent, List<String> folders, Consumer<Path> open) {
        recent.getItems().clear();
        for (String folder : folders) {
            Path path = Path.of(folder);
            Path name = path.getFileName();
            MenuItem item = new MenuItem((name == null ? folder : name.toString())
                    + "  (" + (path.getParent() == null ? "" : path.getParent()) + ")");
            item.setMnemonicParsing(false);
            item.setDisable(!Files.isDirectory(path));
            item.setOnAction(event -> open.accept(path));
            recent.getItems().add(item);
        }
        recent.setDisable(folders.isEmpty());
    }
}
