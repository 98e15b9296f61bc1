package org.dmlworkbench.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import org.dmlworkbench.ui.data.DataViewModel;
import org.dmlworkbench.ui.study.StudyRunRow;
import org.dmlworkbench.ui.study.StudySummaryRow;
import org.dmlworkbench.ui.study.StudyViewModel;
import org.dmlworkbench.ui.study.StudyViewModel.Phase;
import org.dmlworkbench.ui.training.ProgressText;

/**
 * The Study tab: open a study file, choose its data and epochs, see the plan with its measured
 * estimate, run or resume its grid of runs (each run's epoch, step and ETA; why a run failed),
 * and read the aggregate (mean and 95% CI per group) with the report's metric-vs-factor plot.
 * A thin binding of {@link StudyViewModel}.
 */
public final class StudyController implements Panel {

    private final StudyViewModel viewModel;

    @FXML
    private Button openStudyButton;
    @FXML
    private Button runStudyButton;
    @FXML
    private Button stopStudyButton;
    @FXML
    private ProgressBar studyProgress;
    @FXML
    private Label studyTitle;
    @FXML
    private Label studyMessage;
    @FXML
    private ComboBox<String> studyDataCombo;
    @FXML
    private TextField studyEpochsField;
    @FXML
    private Label studyEpochsProblem;
    @FXML
    private Label studyPlanLabel;
    @FXML
    private HBox studyConfirmBar;
    @FXML
    private Label studyLockNote;
    @FXML
    private Label studyRunProgress;
    @FXML
    private Label studyRunDetail;
    @FXML
    private TableView<StudyRunRow> studyRunsTable;
    @FXML
    private TableView<StudySummaryRow> studySummaryTable;
    @FXML
    private ChoiceBox<String> studyMetricChoice;
    @FXML
    private StackPane studyPlotPane;
    @FXML
    private ImageView studyPlot;

    public StudyController(WorkbenchModel model) {
        this.viewModel = new StudyViewModel(model);
    }

    public StudyViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        studyTitle.textProperty().bind(viewModel.titleProperty());
        studyMessage.textProperty().bind(viewModel.messageProperty());
        studyProgress.progressProperty().bind(viewModel.progressProperty());
        var phase = viewModel.phaseProperty();
        var busy = phase.isEqualTo(Phase.TIMING).or(phase.isEqualTo(Phase.RUNNING));
        runStudyButton.disableProperty().bind(viewModel.canRunBinding().not());
        stopStudyButton.disableProperty().bind(busy.not());
        openStudyButton.disableProperty().bind(busy);
        studyDataCombo.getItems().setAll(DataViewModel.NAMED_SETS);
        studyDataCombo.valueProperty().bindBidirectional(viewModel.dataOverrideProperty());
        studyEpochsField.textProperty().bindBidirectional(viewModel.epochsOverrideProperty());
        studyDataCombo.disableProperty().bind(busy);
        studyEpochsField.disableProperty().bind(busy);
        studyEpochsProblem.textProperty().bind(viewModel.overrideProblemProperty());
        studyPlanLabel.textProperty().bind(viewModel.planProperty());
        studyLockNote.textProperty().bind(viewModel.lockNoteProperty());
        studyRunProgress.textProperty().bind(viewModel.runProgressProperty());
        // The selected run's failure in full: the table's column cuts long sentences.
        studyRunDetail.textProperty().bind(Bindings.createStringBinding(() -> {
            StudyRunRow row = studyRunsTable.getSelectionModel().getSelectedItem();
            return row == null || row.reason().isEmpty() ? "" : row.id() + " failed: " + row.reason();
        }, studyRunsTable.getSelectionModel().selectedItemProperty()));
        showWhenNotEmpty(studyEpochsProblem, studyPlanLabel, studyLockNote, studyRunProgress, studyRunDetail);
        studyConfirmBar.visibleProperty().bind(phase.isEqualTo(Phase.CONFIRMING));
        studyConfirmBar.managedProperty().bind(studyConfirmBar.visibleProperty());
        studyRunsTable.setItems(viewModel.runs());
        TableColumn<StudyRunRow, String> metricColumn = column("metric", StudyRunRow::metric, 100);
        metricColumn.setMinWidth(100);
        TableColumn<StudyRunRow, String> time = column("time", row -> row.seconds().isEmpty() ? ""
                : ProgressText.clock(Double.parseDouble(row.seconds())), 60);
        time.setMinWidth(50);
        studyRunsTable.getColumns().setAll(
                column("Run", StudyRunRow::id, 170),
                statusColumn(),
                metricColumn,
                time,
                column("Why it failed", StudyRunRow::reason, 200));
        studyRunsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        studyRunsTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(StudyRunRow row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null || row.reason().isEmpty() ? null
                        : new Tooltip(row.id() + " failed: " + row.reason()));
            }
        });
        viewModel.studyProperty().addListener((obs, old, study) ->
                metricColumn.setText(study == null ? "metric" : study.plan().spec().metrics().get(0)));
        studySummaryTable.setItems(viewModel.summary());
        TableColumn<StudySummaryRow, String> paperColumn = column("paper", StudySummaryRow::paper, 70);
        studySummaryTable.getColumns().setAll(
                column("Group", StudySummaryRow::group, 240),
                column("n", row -> String.valueOf(row.n()), 40),
                column("mean", StudySummaryRow::mean, 80),
                column("sd", StudySummaryRow::sd, 80),
                column("95% CI", StudySummaryRow::interval, 150),
                paperColumn);
        studySummaryTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // the paper column only when the study file gives the paper's numbers
        viewModel.summary().addListener((javafx.collections.ListChangeListener<StudySummaryRow>) change ->
                paperColumn.setVisible(viewModel.summary().stream().anyMatch(r -> !r.paper().isEmpty())));
        paperColumn.setVisible(false);
        studyMetricChoice.setItems(viewModel.metrics());
        studyMetricChoice.valueProperty().bindBidirectional(viewModel.metricProperty());
        studyPlot.fitWidthProperty().bind(studyPlotPane.widthProperty().subtract(16));
        studyPlot.fitHeightProperty().bind(studyPlotPane.heightProperty().subtract(16));
        viewModel.plotProperty().addListener((obs, old, file) -> showPlot(file));
    }

    @Override
    public void onShown() {
        // nothing to refresh: the view-model updates as runs end
    }

    /** Selects the first failed run, whose reason then shows below the table (automation). */
    void selectFirstFailedRun() {
        viewModel.runs().stream().filter(row -> !row.reason().isEmpty()).findFirst()
                .ifPresent(row -> studyRunsTable.getSelectionModel().select(row));
    }

    /** Opens a study file (also used by tests and automation). */
    public void open(Path file) {
        viewModel.open(file);
    }

    @FXML
    private void openStudy() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a study file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Study (JSON, YAML)",
                "*.json", "*.yaml", "*.yml"));
        Path studies = Path.of("studies");
        if (Files.isDirectory(studies)) {
            chooser.setInitialDirectory(studies.toAbsolutePath().toFile());
        }
        File file = chooser.showOpenDialog(studyRunsTable.getScene().getWindow());
        if (file != null) {
            viewModel.open(file.toPath());
        }
    }

    @FXML
    private void runStudy() {
        viewModel.prepare();
    }

    @FXML
    private void confirmStudy() {
        viewModel.confirm();
    }

    @FXML
    private void cancelPlan() {
        viewModel.cancelPlan();
    }

    @FXML
    private void stopStudy() {
        viewModel.stop();
    }

    private void showPlot(Path file) {
        // loaded in the background by Image itself, so the FX thread never waits on the disk
        studyPlot.setImage(file == null ? null : new Image(file.toUri().toString() + "?t="
                + System.nanoTime(), true));
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static void showWhenNotEmpty(Label... labels) {
        for (Label label : labels) {
            label.visibleProperty().bind(label.textProperty().isNotEmpty());
            label.managedProperty().bind(label.visibleProperty());
        }
    }

    private static TableColumn<StudyRunRow, String> statusColumn() {
        TableColumn<StudyRunRow, String> column = column("Status", StudyRunRow::status, 80);
        column.setMinWidth(70);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String status, boolean empty) {
                super.updateItem(status, empty);
                getStyleClass().removeIf(s -> s.startsWith("study-status-"));
                setText(empty || status == null ? null : status);
                if (!empty && status != null) {
                    getStyleClass().add("study-status-" + status);
                }
            }
        });
        return column;
    }
}
