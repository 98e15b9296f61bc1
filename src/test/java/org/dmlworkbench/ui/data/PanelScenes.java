package org.dmlworkbench.ui.data;

import java.io.IOException;
import java.net.URL;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.dmlworkbench.ui.WorkbenchModel;
import org.testfx.util.WaitForAsyncUtils;

/** Puts one panel's FXML with a given controller on a stage, styled like the window; waits on it. */
public final class PanelScenes {

    private PanelScenes() {}

    public static void show(Stage stage, String panel, Object controller, WorkbenchModel.Theme theme)
            throws IOException {
        URL url = PanelScenes.class.getResource("/fxml/" + panel + ".fxml");
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(type -> controller);
        Parent root = loader.load();
        root.getStyleClass().add("workbench");
        Scene scene = new Scene(root, 1200, 780);
        scene.getStylesheets().add(PanelScenes.class.getResource("/css/base.css").toExternalForm());
        scene.getStylesheets().add(PanelScenes.class.getResource(theme.stylesheet()).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** Runs {@code read} on the JavaFX thread and returns its value. */
    public static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} (checked on the JavaFX thread) holds; fails naming {@code what}. */
    public static void waitUntil(String what, int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
        }
    }
}
