package org.dmlworkbench.ui.data;

import static org.dmlworkbench.ui.FxLookups.fxNode;
import java.io.IOException;
import java.net.URL;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.dmlworkbench.ui.WorkbenchModel;
import org.testfx.api.FxRobot;
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

    /**
     * Scrolls the scroll pane that holds the node {@code query} finds so that the node is in view
     * (a robot clicks only what is visible; a long form scrolls, as it does for a user).
     */
    public static void reveal(FxRobot robot, String query) {
        Node node = fxNode(() -> robot.lookup(query).query());
        robot.interact(() -> {
            for (Parent parent = node.getParent(); parent != null; parent = parent.getParent()) {
                if (parent instanceof ScrollPane scroll && scroll.getContent() != null) {
                    Node content = scroll.getContent();
                    double hidden = content.getBoundsInLocal().getHeight()
                            - scroll.getViewportBounds().getHeight();
                    if (hidden > 0) {
                        Bounds inContent = content.sceneToLocal(
                                node.localToScene(node.getBoundsInLocal()));
                        double top = inContent.getMinY() - scroll.getViewportBounds().getHeight() / 3;
                        double share = Math.max(0, Math.min(1, top / hidden));
                        scroll.setVvalue(scroll.getVmin() + share * (scroll.getVmax() - scroll.getVmin()));
                    }
                    return;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
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
