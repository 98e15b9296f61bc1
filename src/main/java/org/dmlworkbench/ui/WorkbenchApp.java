package org.dmlworkbench.ui;

import java.io.IOException;
import java.net.URL;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.dmlworkbench.ui.settings.WindowMemory;
import org.dmlworkbench.ui.window.WindowIcon;
import org.dmlworkbench.ui.settings.WorkbenchSettings;

/** The workbench window. Started by {@link #launch(LaunchOptions)}, never as the jar's main class. */
public final class WorkbenchApp extends Application {

    private static volatile LaunchOptions pendingOptions = LaunchOptions.defaults();
    private static volatile int exitCode;

    private final WorkbenchModel model;
    private final LaunchOptions options;
    private MainController controller;

    /** Used by JavaFX's launcher. */
    public WorkbenchApp() {
        this(WorkbenchModel.withDefaults(!pendingOptions.smokeTest()), pendingOptions);
    }

    /** Used by tests, with their own model (temporary run folder, offline data). */
    public WorkbenchApp(WorkbenchModel model, LaunchOptions options) {
        this.model = model;
        this.options = options;
    }

    public static void launch(LaunchOptions options) {
        pendingOptions = options;
        Application.launch(WorkbenchApp.class);
    }

    @Override
    public void start(Stage stage) throws IOException {
        WorkbenchSettings remembered = model.settings().get();
        model.themeProperty().set(options.theme() != null ? options.theme() : theme(remembered.theme));
        FXMLLoader loader = loader("main");
        loader.setControllerFactory(type -> Controllers.create(type, model));
        Parent root = loader.load();
        controller = loader.getController();
        Scene scene = new Scene(root, 1280, 820);
        applyTheme(scene, model.themeProperty().get());
        model.themeProperty().addListener((obs, old, theme) -> applyTheme(scene, theme));
        stage.setTitle("DML Workbench");
        WindowIcon.apply(stage);
        stage.setScene(scene);
        WindowMemory.restore(stage, remembered);
        // Recorded on hiding, whatever closes the window (close button, File › Quit, a driver).
        stage.setOnHiding(e -> {
            WindowMemory.record(stage, remembered);
            controller.rememberPanel();
            model.settings().save();
        });
        stage.setOnCloseRequest(e -> model.shutdown());
        stage.show();
        controller.startWith(options, remembered);
        SelfCheck.startIfAsked(controller, model, options);
    }

    /** A remembered theme by name; the light one for anything unknown. */
    private static WorkbenchModel.Theme theme(String name) {
        for (WorkbenchModel.Theme theme : WorkbenchModel.Theme.values()) {
            if (theme.name().equals(name)) {
                return theme;
            }
        }
        return WorkbenchModel.Theme.LIGHT;
    }

    @Override
    public void stop() {
        model.shutdown();
    }

    /**
     * Exit status a driven window (the self-check, the docs' screenshot driver) set before the
     * window closed.
     */
    public static int exitCode() {
        return exitCode;
    }

    static void setExitCode(int code) {
        exitCode = code;
    }

    public MainController controller() {
        return controller;
    }

    /** An FXML loader for {@code fxml/<name>.fxml} on the classpath. */
    static FXMLLoader loader(String name) {
        URL url = WorkbenchApp.class.getResource("/fxml/" + name + ".fxml");
        if (url == null) {
            throw new IllegalStateException("fxml/" + name + ".fxml is not on the classpath");
        }
        return new FXMLLoader(url);
    }

    private static void applyTheme(Scene scene, WorkbenchModel.Theme theme) {
        scene.getStylesheets().clear();
        scene.getStylesheets().add(WorkbenchApp.class.getResource("/css/base.css").toExternalForm());
        scene.getStylesheets().add(WorkbenchApp.class.getResource(theme.stylesheet()).toExternalForm());
    }
}
