package org.dmlworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.util.StringConverter;
import javafx.util.converter.BooleanStringConverter;
import org.controlsfx.control.SegmentedButton;
import org.dmlworkbench.training.TrainingConfig;
import org.dmlworkbench.ui.architecture.ArchitectureViewModel;
import org.dmlworkbench.ui.architecture.ConfigField;
import org.dmlworkbench.ui.architecture.ConfigForm;
import org.dmlworkbench.ui.architecture.LayerRow;
import org.dmlworkbench.ui.architecture.ModelReport;
import org.dmlworkbench.ui.architecture.ModelSize;
import org.dmlworkbench.ui.architecture.TeacherRuns;
import org.dmlworkbench.ui.architecture.TrainingMethod;

/** The Architecture panel: binds architecture.fxml to an {@link ArchitectureViewModel}. */
public final class ArchitectureController implements Panel {

    private static final Map<String, String> CHOICE_NAMES = Map.of("gelu", "GELU", "relu", "ReLU",
            "max", "2x2 max-pool", "none", "none", "auto", "auto", "shuffle", "shuffle", "m-per-class", "M per class",
            "adam", "Adam", "adamw", "AdamW", "sgd", "SGD");
    private static final Map<String, String> ATTENTION_NAMES = Map.of("none", "none",
            "glam", "GLAM (all four parts)", "glam:local-channel", "local channel only",
            "glam:local-spatial", "local spatial only", "glam:global-channel", "global channel only",
            "glam:global-spatial", "global spatial only");

    private final WorkbenchModel model;
    private final ArchitectureViewModel view;
    private ConfigForm form;

    @FXML
    private SegmentedButton presets;
    @FXML
    private ToggleButton presetHybrid1;
    @FXML
    private ToggleButton presetHybrid2;
    @FXML
    private ToggleButton presetHybrid3;
    @FXML
    private ToggleButton presetCnn;
    @FXML
    private ToggleButton presetInn;
    @FXML
    private ToggleButton presetResnet18;
    @FXML
    private Label presetNote;
    @FXML
    private Label parameterCount;
    @FXML
    private Label modelSize;
    @FXML
    private Label sizeBadge;
    @FXML
    private Label inputShape;
    @FXML
    private Label classifierHead;
    @FXML
    private ProgressIndicator computingIndicator;
    @FXML
    private Label reportStatus;
    @FXML
    private ChoiceBox<String> involutionLayersChoice;
    @FXML
    private TextField convWidthsField;
    @FXML
    private ChoiceBox<String> activationChoice;
    @FXML
    private ChoiceBox<String> poolingChoice;
    @FXML
    private TextField embeddingField;
    @FXML
    private CheckBox normalizeCheck;
    @FXML
    private TextField kernelField;
    @FXML
    private TextField strideField;
    @FXML
    private TextField groupsField;
    @FXML
    private TextField reductionField;
    @FXML
    private ChoiceBox<String> attentionChoice;
    @FXML
    private ChoiceBox<String> methodChoice;
    @FXML
    private Label methodHint;
    @FXML
    private ComboBox<String> teacherRunCombo;
    @FXML
    private TextField methodParamsField;
    @FXML
    private TextField chunkField;
    @FXML
    private ChoiceBox<String> scheduleChoice;
    @FXML
    private TextField warmupField;
    @FXML
    private TextField lossField;
    @FXML
    private ChoiceBox<String> samplerChoice;
    @FXML
    private TextField samplesPerClassField;
    @FXML
    private ChoiceBox<String> optimizerChoice;
    @FXML
    private TextField learningRateField;
    @FXML
    private TextField weightDecayField;
    @FXML
    private TextField momentumField;
    @FXML
    private TextField clipField;
    @FXML
    private TextField epochsField;
    @FXML
    private TextField batchField;
    @FXML
    private TextField seedField;
    @FXML
    private ScrollPane formScroll;
    @FXML
    private GridPane formColumns;
    @FXML
    private GridPane modelForm;
    @FXML
    private GridPane trainingForm;
    @FXML
    private TableView<LayerRow> layerTable;
    @FXML
    private TableColumn<LayerRow, String> layerNameColumn;
    @FXML
    private TableColumn<LayerRow, String> layerTypeColumn;
    @FXML
    private TableColumn<LayerRow, String> layerShapeColumn;
    @FXML
    private TableColumn<LayerRow, String> layerParamsColumn;

    public ArchitectureController(WorkbenchModel model) {
        this.model = model;
        this.view = new ArchitectureViewModel(model);
    }

    public ArchitectureViewModel viewModel() {
        return view;
    }

    @FXML
    private void initialize() {
        for (ToggleButton preset : List.of(presetHybrid1, presetHybrid2, presetHybrid3, presetCnn, presetInn,
                presetResnet18)) {
            preset.setOnAction(e -> {
                view.applyPreset((String) preset.getUserData());
                // Pressing the selected preset again resets it; the toggle must not read as off.
                showConfig(model.configProperty().get());
            });
        }
        choices(involutionLayersChoice, "0", "1", "2", "3");
        choices(activationChoice, "gelu", "relu");
        choices(poolingChoice, "max", "none");
        choices(samplerChoice, "auto", "shuffle", "m-per-class");
        choices(optimizerChoice, "adam", "adamw", "sgd");
        choices(scheduleChoice, "cosine", "constant");
        attentionChoice.getItems().setAll(ATTENTION_NAMES.keySet().stream().sorted(
                (a, b) -> Integer.compare(attentionRank(a), attentionRank(b))).toList());
        attentionChoice.setConverter(names(ATTENTION_NAMES));
        methodChoice.getItems().setAll(Arrays.stream(TrainingMethod.values()).map(TrainingMethod::key).toList());
        methodChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String key) {
                return key == null ? "" : TrainingMethod.of(key).title();
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        teacherRunCombo.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String folder, boolean empty) {
                super.updateItem(folder, empty);
                setText(empty || folder == null ? null : Path.of(folder).getFileName().toString());
                setTooltip(empty || folder == null ? null : new Tooltip(folder));
            }
        });
        teacherRunCombo.setOnShowing(e -> listTeachers());

        // INN: every spatial layer is an involution, which no count says.
        involutionLayersChoice.getItems().add(ConfigField.ALL_INVOLUTION);
        involutionLayersChoice.setConverter(names(Map.of(ConfigField.ALL_INVOLUTION, "all (INN)")));
        form = new ConfigForm(view, model.configProperty());
        bind(ConfigField.INVOLUTION_LAYERS, involutionLayersChoice, involutionLayersChoice.valueProperty());
        bind(ConfigField.CONV_WIDTHS, convWidthsField, convWidthsField.textProperty());
        bind(ConfigField.ACTIVATION, activationChoice, activationChoice.valueProperty());
        bind(ConfigField.STAGE_POOLING, poolingChoice, poolingChoice.valueProperty());
        bind(ConfigField.EMBEDDING_SIZE, embeddingField, embeddingField.textProperty());
        StringProperty normalize = new SimpleStringProperty();
        Bindings.bindBidirectional(normalize, normalizeCheck.selectedProperty(), new BooleanStringConverter());
        bind(ConfigField.NORMALIZE_EMBEDDING, normalizeCheck, normalize);
        bind(ConfigField.KERNEL_SIZE, kernelField, kernelField.textProperty());
        bind(ConfigField.STRIDE, strideField, strideField.textProperty());
        bind(ConfigField.GROUPS, groupsField, groupsField.textProperty());
        bind(ConfigField.REDUCTION_RATIO, reductionField, reductionField.textProperty());
        bind(ConfigField.ATTENTION, attentionChoice, attentionChoice.valueProperty());
        bind(ConfigField.METHOD, methodChoice, methodChoice.valueProperty());
        bind(ConfigField.TEACHER_RUN, teacherRunCombo, teacherRunCombo.valueProperty());
        bind(ConfigField.METHOD_PARAMS, methodParamsField, methodParamsField.textProperty());
        bind(ConfigField.CHUNK_SIZE, chunkField, chunkField.textProperty());
        bind(ConfigField.LR_SCHEDULE, scheduleChoice, scheduleChoice.valueProperty());
        bind(ConfigField.WARMUP_FRACTION, warmupField, warmupField.textProperty());
        bind(ConfigField.LOSS, lossField, lossField.textProperty());
        bind(ConfigField.SAMPLER, samplerChoice, samplerChoice.valueProperty());
        bind(ConfigField.SAMPLES_PER_CLASS, samplesPerClassField, samplesPerClassField.textProperty());
        bind(ConfigField.OPTIMIZER, optimizerChoice, optimizerChoice.valueProperty());
        bind(ConfigField.LEARNING_RATE, learningRateField, learningRateField.textProperty());
        bind(ConfigField.WEIGHT_DECAY, weightDecayField, weightDecayField.textProperty());
        bind(ConfigField.MOMENTUM, momentumField, momentumField.textProperty());
        bind(ConfigField.GRADIENT_CLIP, clipField, clipField.textProperty());
        bind(ConfigField.EPOCHS, epochsField, epochsField.textProperty());
        bind(ConfigField.BATCH_SIZE, batchField, batchField.textProperty());
        bind(ConfigField.SEED, seedField, seedField.textProperty());

        layerNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().layer()));
        layerTypeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        layerShapeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().outputShape()));
        layerParamsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(ModelSize.parameters(c.getValue().parameters())));
        layerTable.setItems(view.layers());
        layerTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(LayerRow row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null ? null : new Tooltip(row.detail()));
            }
        });
        layerTable.setPlaceholder(new Label("The layers appear once the model is built"));

        formScroll.viewportBoundsProperty().addListener((obs, old, bounds) -> arrangeForm(bounds.getWidth()));

        computingIndicator.visibleProperty().bind(view.computingProperty());
        reportStatus.textProperty().bind(view.statusProperty());
        view.reportProperty().addListener((obs, old, report) -> showReport(report));
        model.configProperty().addListener((obs, old, config) -> showConfig(config));
        // A method still waiting for its teacher already opens the teacher control.
        methodChoice.valueProperty().addListener((obs, old, method) -> showConfig(model.configProperty().get()));
        showConfig(model.configProperty().get());
        showReport(view.reportProperty().get());
    }

    /**
     * The form's two columns side by side, half the width each, when both fit; else one above the
     * other at the full width, so that no field is cut off in a narrow window.
     */
    private void arrangeForm(double width) {
        Insets padding = formColumns.getInsets();
        double usable = width - padding.getLeft() - padding.getRight();
        boolean sideBySide = modelForm.minWidth(-1) + formColumns.getHgap() + trainingForm.minWidth(-1) <= usable;
        int columns = sideBySide ? 2 : 1;
        if (formColumns.getColumnConstraints().size() == columns) {
            return;
        }
        List<ColumnConstraints> constraints = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / columns);
            constraints.add(column);
        }
        formColumns.getColumnConstraints().setAll(constraints);
        GridPane.setConstraints(trainingForm, sideBySide ? 1 : 0, sideBySide ? 0 : 1);
    }

    private void bind(ConfigField field, Node control, Property<String> value) {
        Label problem = new Label();
        problem.setId(control.getId() + "Problem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        ((Pane) control.getParent()).getChildren().add(1, problem);
        form.bind(field, value, problem);
    }

    /** Offers the finished runs under the runs folder as teachers (read in the background). */
    private void listTeachers() {
        Path root = model.runsRoot();
        model.jobs().submitQuietly("Listing finished runs", (progress, cancel) -> TeacherRuns.finished(root),
                runs -> {
                    List<String> folders = runs.stream().map(Path::toString).toList();
                    if (!folders.equals(teacherRunCombo.getItems())) {
                        String value = teacherRunCombo.getValue();
                        teacherRunCombo.getItems().setAll(folders);
                        teacherRunCombo.setValue(value);
                    }
                },
                failure -> teacherRunCombo.getItems().clear());
    }

    private static int attentionRank(String value) {
        return List.of("none", "glam", "glam:local-channel", "glam:local-spatial", "glam:global-channel",
                "glam:global-spatial").indexOf(value);
    }

    private static void choices(ChoiceBox<String> box, String... values) {
        box.getItems().setAll(values);
        box.setConverter(names(CHOICE_NAMES));
    }

    private static StringConverter<String> names(Map<String, String> names) {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : names.getOrDefault(value, value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
    }

    /** Preset selection, and which settings apply to the chosen model and sampler. */
    private void showConfig(TrainingConfig config) {
        String family = config.model().family();
        for (ToggleButton preset : presets.getButtons()) {
            preset.setSelected(family.equals(preset.getUserData()));
        }
        boolean resnet = config.model().isResNet();
        presetNote.setText(family.equals("custom") ? "custom layout (no preset)"
                : resnet ? "CIFAR-style ResNet-18: the compact layout settings do not apply" : "");
        for (Node compact : List.of(involutionLayersChoice, convWidthsField, poolingChoice, kernelField,
                strideField, groupsField, reductionField)) {
            compact.setDisable(resnet);
        }
        samplesPerClassField.setDisable(config.sampler().equals("shuffle"));
        momentumField.setDisable(!config.optimizer().name().equals("sgd"));
        if (!attentionChoice.getItems().contains(config.model().attention())) {
            // A subset of parts from a loaded config: offered as it is.
            attentionChoice.getItems().add(config.model().attention());
        }
        String method = config.method();
        String chosen = methodChoice.getValue() == null ? method : methodChoice.getValue();
        boolean teaching = method.equals("asymmetric") || chosen.equals("asymmetric");
        if (teaching && teacherRunCombo.isDisabled()) {
            listTeachers();
        }
        teacherRunCombo.setDisable(!teaching);
        chunkField.setDisable(!method.equals("metric"));
        lossField.setDisable(method.equals("guided"));
        methodHint.setText(TrainingMethod.of(chosen).summary());
    }

    private void showReport(ModelReport report) {
        sizeBadge.getStyleClass().removeAll("badge-good", "badge-warn");
        if (report == null) {
            parameterCount.setText("-");
            modelSize.setText("-");
            sizeBadge.setText("");
            sizeBadge.setVisible(false);
            inputShape.setText("-");
            classifierHead.setText("-");
            return;
        }
        parameterCount.setText(ModelSize.parameters(report.parameters()));
        modelSize.setText(ModelSize.megabytes(report.savedBytes()));
        modelSize.setTooltip(new Tooltip(ModelSize.parameters(report.savedBytes()) + " bytes"));
        sizeBadge.setText(ModelSize.badge(report.savedBytes()));
        sizeBadge.getStyleClass().add(ModelSize.underOneMegabyte(report.savedBytes()) ? "badge-good" : "badge-warn");
        sizeBadge.setVisible(true);
        inputShape.setText(ModelSize.shape(report.input()));
        classifierHead.setText(report.classifierClasses() > 0 ? report.classifierClasses() + " classes" : "none");
    }
}
