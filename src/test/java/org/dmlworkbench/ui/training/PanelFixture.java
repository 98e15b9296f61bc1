package org.dmlworkbench.ui.training;

import java.io.IOException;
import java.net.URL;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.ui.WorkbenchModel;
import org.testfx.util.WaitForAsyncUtils;

/** Shows one panel's FXML in a themed window with the shared model, as the main window would. */
public final class PanelFixture {

    private static Dataset sample;

    private PanelFixture() {}

    /** Loads {@code fxml/NAME.fxml}; controllers get the model like the window's factory gives it. */
    public static FXMLLoader load(String name, WorkbenchModel model) throws IOException {
        URL url = PanelFixture.class.getResource("/fxml/" + name + ".fxml");
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(type -> {
            try {
                return type.getConstructor(WorkbenchModel.class).newInstance(model);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        loader.load();
        return loader;
    }

    public static void show(Stage stage, Parent root, WorkbenchModel.Theme theme) {
        Scene scene = new Scene(root, 1280, 760);
        scene.getStylesheets().add(PanelFixture.class.getResource("/css/base.css").toExternalForm());
        scene.getStylesheets().add(PanelFixture.class.getResource(theme.stylesheet()).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** The bundled sample (2,000 train / 500 test), loaded once. */
    public static synchronized Dataset sample() {
        if (sample == null) {
            sample = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true)).load("sample");
        }
        return sample;
    }

    /** Runs {@code action} on the JavaFX thread and returns its result. */
    public static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    public static void fxRun(Runnable action) throws Exception {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until {@code condition} (checked on the JavaFX thread) holds. */
    public static void waitUntil(int seconds, String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting until " + what, e);
        }
    }
}
