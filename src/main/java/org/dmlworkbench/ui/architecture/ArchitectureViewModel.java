package org.dmlworkbench.ui.architecture;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.UiErrors;
import org.dmlworkbench.ui.WorkbenchModel;

/**
 * State of the Architecture panel: edits the workbench's config one validated field at a time and
 * keeps a size report of the model it builds. The report is computed in the background, once the
 * edits have paused for {@link #DEBOUNCE}, and only the newest one is shown. While the form holds
 * a rejected value there is no report: the config then holds what the field last accepted, not
 * what it shows, and the cards would describe a model nobody asked for.
 */
public final class ArchitectureViewModel {

    public static final Duration DEBOUNCE = Duration.millis(300);

    private final WorkbenchModel model;
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private final ReadOnlyObjectWrapper<ModelReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<LayerRow> layers = FXCollections.observableArrayList();
    private int request;

    public ArchitectureViewModel(WorkbenchModel model) {
        this.model = model;
        debounce.setOnFinished(e -> computeReport());
        model.configProperty().addListener((obs, old, config) -> debounce.playFromStart());
        model.datasetProperty().addListener((obs, old, dataset) -> debounce.playFromStart());
        model.configProblems().addListener((javafx.collections.ListChangeListener<String>) change -> {
            if (model.configProblems().isEmpty()) {
                debounce.playFromStart();
            } else {
                showInvalidForm();
            }
        });
        model.onShutdown(debounce::stop);
        debounce.playFromStart();
    }

    public TrainingConfig config() {
        return model.configProperty().get();
    }

    /**
     * Sets one field from text.
     *
     * @return the problem to show next to the field, or empty when the config took the value
     */
    public Optional<String> edit(FormField field, String text) {
        TrainingConfig current = config();
        TrainingConfig next;
        try {
            next = field.write(current, text);
        } catch (IllegalArgumentException e) {
            return Optional.of(UiErrors.describe(e));
        }
        if (!next.equals(current)) {
            model.configProperty().set(next);
        }
        return Optional.empty();
    }

    /** Publishes the form's rejected fields ("Field: why", in form order) to the workbench. */
    public void showProblems(List<String> problems) {
        if (!problems.equals(model.configProblems())) {
            model.configProblems().setAll(problems);
        }
    }

    /**
     * Replaces the model with a named preset (ModelSpec.preset); the rest of the config stays,
     * but an imported TorchScript backbone, which is a model of its own, goes.
     */
    public void applyPreset(String name) {
        TrainingConfig current = config();
        org.dmlworkbench.model.BackboneSpec backbone = current.backbone();
        if (backbone.torchScript() != null) {
            backbone = InputField.withoutFile(backbone);
        }
        model.configProperty().set(current.toBuilder().model(ModelSpec.preset(name)).backbone(backbone).build());
    }

    private void showInvalidForm() {
        request++;
        computing.set(false);
        report.set(null);
        layers.clear();
        String fields = model.configProblems().stream().map(problem -> problem.substring(0, problem.indexOf(':')))
                .collect(Collectors.joining(", "));
        status.set("The form holds invalid values (" + fields + "): the model is sized once they are fixed.");
    }

    private void computeReport() {
        if (!model.configProblems().isEmpty()) {
            showInvalidForm();
            return;
        }
        Dataset dataset = model.datasetProperty().get();
        if (dataset == null) {
            status.set("Waiting for a data set: its image size and classes decide the model's size");
            return;
        }
        TrainingConfig config = config();
        int id = ++request;
        computing.set(true);
        status.set("");
        model.jobs().submitQuietly("Counting parameters",
                (progress, cancel) -> ModelReport.of(config, dataset),
                result -> {
                    if (id == request) {
                        computing.set(false);
                        report.set(result);
                        layers.setAll(result.layers());
                    }
                },
                failure -> {
                    if (id == request) {
                        computing.set(false);
                        report.set(null);
                        layers.clear();
                        status.set("This model cannot be built for " + dataset.name() + ": "
                                + UiErrors.describe(failure));
                    }
                });
    }

    /** The newest size report, or null while none is valid. */
    public ReadOnlyObjectProperty<ModelReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Why there is no report (no data set, or the model cannot be built), or "". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    public ObservableList<LayerRow> layers() {
        return layers;
    }
}
