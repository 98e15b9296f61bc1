package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.architecture.ChoiceNames.choices;
import static org.dmlworkbench.ui.architecture.ChoiceNames.names;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.stage.FileChooser;
import javafx.util.converter.BooleanStringConverter;
import org.controlsfx.control.SegmentedButton;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.ui.architecture.ArchitectureViewModel;
import org.dmlworkbench.ui.architecture.ChoiceNames;
import org.dmlworkbench.ui.architecture.ConfigField;
import org.dmlworkbench.ui.architecture.ConfigForm;
import org.dmlworkbench.ui.architecture.FormColumns;
import org.dmlworkbench.ui.architecture.FormField;
import org.dmlworkbench.ui.architecture.InputField;
import org.dmlworkbench.ui.architecture.LayerRow;
import org.dmlworkbench.ui.architecture.ModelReport;
import org.dmlworkbench.ui.architecture.ModelSize;
import org.dmlworkbench.ui.architecture.TeacherRuns;
import org.dmlworkbench.training.TrainingMethods;
import org.dmlworkbench.ui.architecture.MethodChoice;

/** The Architecture panel: binds architecture.fxml to an {@link ArchitectureViewModel}. */
public final class ArchitectureController implements Panel {

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
    private TextField imageSizeField;
    @FXML
    private ChoiceBox<String> augmentChoice;
    @FXML
    private TextField cropScaleField;
    @FXML
    private TextField cropRatioField;
    @FXML
    private CheckBox flipCheck;
    @FXML
    private TextField colorJitterField;
    @FXML
    private ComboBox<String> initFromCombo;
    @FXML
    private TextField backboneField;
    @FXML
    private CheckBox freezeCheck;
    @FXML
    private Label multiplyAdds;
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
        attentionChoice.getItems().setAll(ChoiceNames.attentionValues());
        attentionChoice.setConverter(names(ChoiceNames.ATTENTION_NAMES));
        choices(augmentChoice, "none", "standard");
        methodChoice.getItems().setAll(MethodChoice.keys());
        methodChoice.setConverter(ChoiceNames.methodTitles());
        teacherRunCombo.setCellFactory(list -> new FormColumns.RunFolderCell());
        teacherRunCombo.setOnShowing(e -> listRuns(teacherRunCombo));
        initFromCombo.setCellFactory(list -> new FormColumns.RunFolderCell());
        initFromCombo.setOnShowing(e -> listRuns(initFromCombo));

        // INN: every spatial layer is an involution, which no count says.
        involutionLayersChoice.getItems().add(ConfigField.ALL_INVOLUTION);
        involutionLayersChoice.setConverter(names(Map.of(ConfigField.ALL_INVOLUTION, "all (INN)")));
        form = new ConfigForm(view, model.configProperty());
        bind(ConfigField.INVOLUTION_LAYERS, involutionLayersChoice, involutionLayersChoice.valueProperty());
        bind(ConfigField.CONV_WIDTHS, convWidthsField, convWidthsField.textProperty());
        bind(ConfigField.ACTIVATION, activationChoice, activationChoice.valueProperty());
        bind(ConfigField.STAGE_POOLING, poolingChoice, poolingChoice.valueProperty());
        bind(ConfigField.EMBEDDING_SIZE, embeddingField, embeddingField.textProperty());
        bind(ConfigField.NORMALIZE_EMBEDDING, normalizeCheck, checked(normalizeCheck));
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
        bind(InputField.IMAGE_SIZE, imageSizeField, imageSizeField.textProperty());
        bind(InputField.AUGMENTATION, augmentChoice, augmentChoice.valueProperty());
        bind(InputField.CROP_SCALE, cropScaleField, cropScaleField.textProperty());
        bind(InputField.CROP_RATIO, cropRatioField, cropRatioField.textProperty());
        bind(InputField.FLIP, flipCheck, checked(flipCheck));
        bind(InputField.COLOR_JITTER, colorJitterField, colorJitterField.textProperty());
        bind(InputField.INIT_FROM, initFromCombo, initFromCombo.valueProperty());
        bind(InputField.BACKBONE_FILE, backboneField, backboneField.textProperty());
        bind(InputField.FREEZE_BACKBONE, freezeCheck, checked(freezeCheck));

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

        formScroll.viewportBoundsProperty().addListener((obs, old, bounds) ->
                FormColumns.arrange(formColumns, modelForm, trainingForm, bounds.getWidth()));

        computingIndicator.visibleProperty().bind(view.computingProperty());
        reportStatus.textProperty().bind(view.statusProperty());
        view.reportProperty().addListener((obs, old, report) -> showReport(report));
        model.configProperty().addListener((obs, old, config) -> showConfig(config));
        // A method still waiting for its teacher already opens the teacher control.
        methodChoice.valueProperty().addListener((obs, old, method) -> showConfig(model.configProperty().get()));
        showConfig(model.configProperty().get());
        showReport(view.reportProperty().get());
    }

    /** A check box's state as "true" or "false", the text a form field reads. */
    private static StringProperty checked(CheckBox box) {
        StringProperty text = new SimpleStringProperty();
        Bindings.bindBidirectional(text, box.selectedProperty(), new BooleanStringConverter());
        return text;
    }

    @FXML
    private void chooseBackbone() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("A TorchScript backbone (.pt)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("TorchScript", "*.pt", "*.pth"));
        File file = chooser.showOpenDialog(backboneField.getScene().getWindow());
        if (file != null) {
            backboneField.setText(file.getAbsolutePath());
        }
    }

    private void bind(FormField field, Node control, Property<String> value) {
        Label problem = new Label();
        problem.setId(control.getId() + "Problem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        ((Pane) control.getParent()).getChildren().add(1, problem);
        form.bind(field, value, problem);
    }

    /** Offers the finished runs under the runs folder (teachers, starting points), read in the background. */
    private void listRuns(ComboBox<String> combo) {
        Path root = model.runsRoot();
        model.jobs().submitQuietly("Listing finished runs", (progress, cancel) -> TeacherRuns.finished(root),
                runs -> {
                    List<String> folders = runs.stream().map(Path::toString).toList();
                    if (!folders.equals(combo.getItems())) {
                        String value = combo.getValue();
                        combo.getItems().setAll(folders);
                        combo.setValue(value);
                    }
                },
                failure -> combo.getItems().clear());
    }

    /** Preset selection, and which settings apply to the chosen model and sampler. */
    private void showConfig(TrainingConfig config) {
        String family = config.model().family();
        for (ToggleButton preset : presets.getButtons()) {
            preset.setSelected(family.equals(preset.getUserData()));
        }
        boolean resnet = config.model().isResNet() || config.model().isTorchScript();
        presetNote.setText(family.equals("custom") ? "custom layout (no preset)"
                : config.model().isTorchScript() ? "imported TorchScript backbone: the layout settings do not apply"
                : resnet ? "ResNet: the compact layout settings do not apply" : "");
        boolean augmenting = config.augment().enabled();
        for (Node crop : List.of(cropScaleField, cropRatioField, flipCheck, colorJitterField)) {
            crop.setDisable(!augmenting);
        }
        freezeCheck.setDisable(config.backbone().isRandom() && !config.backbone().frozen());
        attentionChoice.setDisable(config.model().isTorchScript());
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
        boolean teaching = MethodChoice.needsTeacherRun(method) || MethodChoice.needsTeacherRun(chosen);
        if (teaching && teacherRunCombo.isDisabled()) {
            listRuns(teacherRunCombo);
        }
        teacherRunCombo.setDisable(!teaching);
        chunkField.setDisable(!TrainingMethods.byName(method).takesChunks());
        lossField.setDisable(!TrainingMethods.byName(method).lossIsChosen());
        methodHint.setText(MethodChoice.summary(chosen));
    }

    private void showReport(ModelReport report) {
        sizeBadge.getStyleClass().removeAll("badge-good", "badge-warn");
        if (report == null) {
            parameterCount.setText("-");
            modelSize.setText("-");
            sizeBadge.setText("");
            sizeBadge.setVisible(false);
            inputShape.setText("-");
            multiplyAdds.setText("-");
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
        multiplyAdds.setText(report.multiplyAdds() < 0 ? "not counted" : ModelSize.multiplyAdds(report.multiplyAdds()));
        classifierHead.setText(report.classifierClasses() > 0 ? report.classifierClasses() + " classes" : "none");
    }
}
