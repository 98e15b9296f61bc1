package org.dmlworkbench.ui.window;

import java.io.InputStream;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The workbench icon (a copy of installers/icons/dml-workbench-256.png on the class path). */
public final class WindowIcon {

    public static final String RESOURCE = "/icons/dml-workbench-256.png";

    private WindowIcon() {}

    /** Sets the icon; a build without it keeps the platform's default rather than failing. */
    public static void apply(Stage stage) {
        try (InputStream in = WindowIcon.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                stage.getIcons().setAll(new Image(in));
            }
        } catch (java.io.IOException e) {
            // the default icon is fine
        }
    }
}
