package org.dmlworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.io.WorkbenchHome;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.settings.SettingsFile;

/**
 * State the panels share: the data set in use, the config being edited and whether the form
 * shows it faithfully, the run on show, the job runner and the one training slot. Properties
 * change on the JavaFX thread only.
 */
public final class WorkbenchModel {

    private final Jobs jobs = new Jobs();
    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>();
    private final ObjectProperty<TrainingConfig> config =
            new SimpleObjectProperty<>(TrainingConfig.defaults());
    private final ObservableList<String> configProblems = FXCollections.observableArrayList();
    private final StringProperty dataProblem = new SimpleStringProperty("");
    private final TrainingSlot trainingSlot = new TrainingSlot();
    private final ObjectProperty<RunDirectory> activeRun = new SimpleObjectProperty<>();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final Path runsRoot;
    private final DatasetLocator.Options dataOptions;
    private final List<Runnable> shutdownHooks = new ArrayList<>();
    private final SettingsFile settings;

    /** The two looks of the window; each is one stylesheet under css/. */
    public enum Theme {
        LIGHT("/css/light.css"), DARK("/css/dark.css");

        private final String stylesheet;

        Theme(String stylesheet) {
            this.stylesheet = stylesheet;
        }

        public String stylesheet() {
            return stylesheet;
        }
    }

    /** A model whose settings stay in memory: nothing of a user's choices is read or written. */
    public WorkbenchModel(Path runsRoot, DatasetLocator.Options dataOptions) {
        this(runsRoot, dataOptions, SettingsFile.inMemory());
    }

    public WorkbenchModel(Path runsRoot, DatasetLocator.Options dataOptions, SettingsFile settings) {
        this.runsRoot = runsRoot;
        this.dataOptions = dataOptions;
        this.settings = settings;
    }

    /**
     * @param remember whether to read and keep the user's settings (false for screenshots and
     *        the smoke test, which must look the same on every machine)
     */
    public static WorkbenchModel withDefaults(boolean remember) {
        return new WorkbenchModel(WorkbenchHome.runs(), DatasetLocator.Options.defaults(),
                remember ? SettingsFile.inHome() : SettingsFile.inMemory());
    }

    /** What the window remembers between starts (theme, window, last data and run, map). */
    public SettingsFile settings() {
        return settings;
    }

    public Jobs jobs() {
        return jobs;
    }

    public ObjectProperty<Dataset> datasetProperty() {
        return dataset;
    }

    public ObjectProperty<TrainingConfig> configProperty() {
        return config;
    }

    /**
     * The Architecture form's rejected fields, each "Field: why", in form order. While any is
     * listed the form shows values the config does not hold, so nothing may train from it.
     */
    public ObservableList<String> configProblems() {
        return configProblems;
    }

    /**
     * Why the data set on show is not the one the config would train on (the Data tab's split
     * choice is invalid, cannot be applied to the data, or is still being applied), or "". While
     * it is set, nothing may train: the run would record a split its data does not have.
     */
    public StringProperty dataProblemProperty() {
        return dataProblem;
    }

    /** Held by whichever panel trains now: one training job at a time. */
    public TrainingSlot trainingSlot() {
        return trainingSlot;
    }

    public ObjectProperty<RunDirectory> activeRunProperty() {
        return activeRun;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Where new runs go and where the Runs panel looks first. */
    public Path runsRoot() {
        return runsRoot;
    }

    /** How data sets are looked up (data dir, offline, skip-bad), for loading in the background. */
    public DatasetLocator.Options dataOptions() {
        return dataOptions;
    }

    /** Work to do when the window closes (stop training with a checkpoint, release models). */
    public void onShutdown(Runnable hook) {
        shutdownHooks.add(hook);
    }

    public void shutdown() {
        for (Runnable hook : shutdownHooks) {
            hook.run();
        }
        jobs.shutdown();
    }
}
