package org.dmlworkbench.ui.training;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.architecture.MethodChoice;

/**
 * Whether the Training panel may train now, and the line beside Start: what Start would train
 * (the method included), or why it waits. Start waits for a data set, for the Architecture form
 * to show the config (no rejected field), and for the window's one training slot, which this
 * gate takes for the panel's training and gives back. Used on the JavaFX thread only.
 */
final class StartGate {

    /**
     * @param open Start may train
     * @param line what Start trains, or why it waits
     */
    record Verdict(boolean open, String line) {}

    private final WorkbenchModel model;
    private final ObservableValue<Boolean> idle;
    private final StringProperty line;
    private final StringProperty batches;
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper otherJobTraining = new ReadOnlyBooleanWrapper(false);
    /** How the panel's training is named in the training slot while it holds it, else "". */
    private String job = "";

    /**
     * @param idle whether the panel trains nothing itself
     * @param line where the gate writes what Start would train, or why it waits
     * @param batches where it writes what Start's batches would hold
     */
    StartGate(WorkbenchModel model, ObservableValue<Boolean> idle, StringProperty line, StringProperty batches) {
        this.model = model;
        this.idle = idle;
        this.line = line;
        this.batches = batches;
        idle.addListener((obs, old, now) -> refresh());
        model.datasetProperty().addListener((obs, old, now) -> refresh());
        model.configProperty().addListener((obs, old, now) -> refresh());
        model.configProblems().addListener((ListChangeListener<String>) change -> refresh());
        model.dataProblemProperty().addListener((obs, old, now) -> refresh());
        model.trainingSlot().holderProperty().addListener((obs, old, now) -> refresh());
        refresh();
    }

    /**
     * Checks that the model's own config may train: the form shows it.
     *
     * @throws IllegalStateException listing the form's rejected fields
     */
    void requireFormShowsConfig() {
        if (!model.configProblems().isEmpty()) {
            // The config holds what the fields last accepted, not what they show: train neither.
            throw new IllegalStateException("the Architecture tab's form holds invalid values: "
                    + String.join("; ", model.configProblems()));
        }
        if (!model.dataProblemProperty().get().isEmpty()) {
            // The data on show is not split as the config says: the run would record a lie.
            throw new IllegalStateException("the Data tab's split: " + model.dataProblemProperty().get());
        }
    }

    /**
     * Takes the window's training slot for {@code run}.
     *
     * @throws IllegalStateException naming the job that trains instead
     */
    void take(RunDirectory run) {
        // Named first: taking the slot refreshes the gate, which must see it as the panel's.
        job = "training run " + run.name() + " (Training tab)";
        if (!model.trainingSlot().take(job)) {
            job = "";
            throw new IllegalStateException(model.trainingSlot().holderProperty().get()
                    + " is training; one training runs at a time");
        }
    }

    /** Gives the slot back once the panel's training thread has ended. */
    void release() {
        model.trainingSlot().release(job);
        job = "";
    }

    /** True when Start may train. */
    ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** True while another panel's job holds the training slot. */
    ReadOnlyBooleanProperty otherJobTrainingProperty() {
        return otherJobTraining.getReadOnlyProperty();
    }

    private void refresh() {
        String holder = model.trainingSlot().holderProperty().get();
        String otherJob = holder.equals(job) ? "" : holder;
        otherJobTraining.set(!otherJob.isEmpty());
        Verdict verdict = verdict(Boolean.TRUE.equals(idle.getValue()), model.datasetProperty().get(),
                model.configProperty().get(), List.copyOf(model.configProblems()),
                model.dataProblemProperty().get(), otherJob);
        open.set(verdict.open());
        line.set(verdict.line());
        batches.set(batches(model.datasetProperty().get(), model.configProperty().get()));
    }

    /** "Start's batches: 32 classes × 4 images per class (batch 128)", or why there are none. */
    static String batches(Dataset data, TrainingConfig config) {
        if (data == null || config == null) {
            return "";
        }
        try {
            return "Start's batches: " + BatchComposition.of(config, data.train()).text();
        } catch (IllegalArgumentException e) {
            return "Start's batches cannot be drawn: " + e.getMessage();
        }
    }

    /**
     * @param idle the panel trains nothing itself
     * @param problems the form's rejected fields, "Field: why"
     * @param otherJob the job holding the training slot when it is not the panel's, else ""
     */
    static Verdict verdict(boolean idle, Dataset data, TrainingConfig config, List<String> problems,
            String otherJob) {
        return verdict(idle, data, config, problems, "", otherJob);
    }

    /** @param dataProblem why the data on show cannot train as the config says, or "" */
    static Verdict verdict(boolean idle, Dataset data, TrainingConfig config, List<String> problems,
            String dataProblem, String otherJob) {
        if (data == null) {
            return new Verdict(false, "Load a data set in the Data tab to start training.");
        }
        if (!dataProblem.isEmpty()) {
            return new Verdict(false, "Start waits for the Data tab's split: " + dataProblem);
        }
        int size = config == null ? 0 : config.imageSize();
        if (size > 0 && (data.train().height() != size || data.train().width() != size)) {
            // Runs record the image size; the images must have it (the Data tab reads them again).
            return new Verdict(false, String.format(Locale.ROOT, "Start waits for the data at the image size"
                    + " %d px: %s is read at %dx%d.", size, data.name(), data.train().height(),
                    data.train().width()));
        }
        if (!problems.isEmpty()) {
            return new Verdict(false, "Start waits for the Architecture tab's form: "
                    + String.join("; ", problems) + ".");
        }
        if (!otherJob.isEmpty()) {
            return new Verdict(false, "Start waits: " + otherJob + " is training; one training runs at a time.");
        }
        return new Verdict(idle && config != null, config == null ? "" : summary(config, data));
    }

    /** "Start trains hybrid1 by metric learning · 128-d · ms+ce · 5 epochs · ..." */
    static String summary(TrainingConfig config, Dataset data) {
        return String.format(Locale.US,
                "Start trains %s by %s · %d-d · %s · %d epochs · batch %d · %s sampler · on %s (%,d train images)",
                config.model().family(), MethodChoice.describe(config), config.model().embeddingDim(),
                config.loss(), config.epochs(), config.batchSize(), config.sampler(), data.name(),
                data.train().size())
                + (config.split().isAuto() ? "" : " · split " + config.split().mode());
    }
}
