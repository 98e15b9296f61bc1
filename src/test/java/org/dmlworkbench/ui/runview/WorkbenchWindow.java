package org.dmlworkbench.ui.runview;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.ui.LaunchOptions;
import org.dmlworkbench.ui.MainController;
import org.dmlworkbench.ui.WorkbenchApp;
import org.dmlworkbench.ui.WorkbenchModel;
import org.testfx.util.WaitForAsyncUtils;

/** The whole workbench window on a test stage, with a temporary runs folder and offline data. */
public final class WorkbenchWindow {

    private final WorkbenchModel model;
    private final MainController main;

    private WorkbenchWindow(WorkbenchModel model, MainController main) {
        this.model = model;
        this.main = main;
    }

    /**
     * The headless screen defaults to 1280x800, smaller than the 1280x820 window: Monocle then
     * overflows its upload buffer on every frame. Call before the toolkit starts (in
     * {@code @BeforeAll}); it has no effect once the screen exists.
     */
    public static void useLargeHeadlessScreen() {
        if (System.getProperty("headless.geometry") == null) {
            System.setProperty("headless.geometry", "1600x1000-32");
        }
    }

    /** Call from a TestFX {@code @Start} method (on the JavaFX thread). */
    public static WorkbenchWindow start(Stage stage, Path runsRoot) throws IOException {
        WorkbenchModel model = new WorkbenchModel(runsRoot,
                DatasetLocator.Options.defaults().withOffline(true));
        model.datasetProperty().set(TrainedSampleRun.sample());
        WorkbenchApp app = new WorkbenchApp(model, LaunchOptions.defaults());
        app.start(stage);
        return new WorkbenchWindow(model, app.controller());
    }

    public WorkbenchModel model() {
        return model;
    }

    public MainController main() {
        return main;
    }

    /** Makes {@code run} the active run, shows {@code panel} and waits until the run is open. */
    public LoadedRun show(RunDirectory run, String panel) throws Exception {
        onFx(() -> {
            model.activeRunProperty().set(run);
            main.select(panel);
            return null;
        });
        return ActiveRunSession.of(model).awaitReady(Duration.ofSeconds(60));
    }

    /** Runs {@code action} on the JavaFX thread and returns its value. */
    public static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} (checked on the JavaFX thread) holds. */
    public static void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
    }

    public void close() throws Exception {
        onFx(() -> {
            model.shutdown();
            return null;
        });
    }
}
