package org.dmlworkbench.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.ui.runs.FinalMetricsColumns;
import org.dmlworkbench.ui.runs.RunComparison;
import org.dmlworkbench.ui.runs.RunRow;
import org.dmlworkbench.ui.runs.RunTableColumns;
import org.dmlworkbench.ui.runs.RunsViewModel;
import org.dmlworkbench.ui.training.ChartSupport;
import org.dmlworkbench.ui.training.Metric;
import tech.tablesaw.api.Table;

/**
 * The Runs tab: every run as a sortable table of config and final metrics; open, resume,
 * compare and export. A thin binding of {@link RunsViewModel}.
 */
public final class RunsController implements Panel {

    private static final double FINALS_ROW = 24;

    private final RunsViewModel viewModel;

    @FXML
    private TableView<RunRow> runsTable;
    @FXML
    private Button rescanButton;
    @FXML
    private Button openRunButton;
    @FXML
    private Button resumeRunButton;
    @FXML
    private Button compareButton;
    @FXML
    private Button exportEmbeddingsButton;
    @FXML
    private Button exportMetricsButton;
    @FXML
    private Button exportTableButton;
    @FXML
    private Label summaryLabel;
    @FXML
    private Label compareCaption;
    @FXML
    private HBox compareMetricBox;
    @FXML
    private ChoiceBox<Metric> compareMetricChoice;
    @FXML
    private TableView<RunComparison.Final> finalsTable;
    @FXML
    private Label messageLabel;
    @FXML
    private LineChart<Number, Number> compareChart;
    @FXML
    private LineChart<Number, Number> compareLossChart;
    @FXML
    private NumberAxis compareXAxis;
    @FXML
    private NumberAxis compareLossXAxis;
    @FXML
    private NumberAxis compareLossYAxis;

    public RunsController(WorkbenchModel model) {
        this.viewModel = new RunsViewModel(model);
    }

    @FXML
    private void initialize() {
        runsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runsTable.setItems(viewModel.rows());
        // All columns within the table's width: a narrow window narrows them rather than scrolling.
        runsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        runsTable.setTableMenuButtonVisible(true);
        viewModel.tableProperty().addListener((obs, old, table) -> rebuildColumns(old, table));
        rebuildColumns(null, viewModel.tableProperty().get());
        viewModel.selectionRequestProperty().addListener((obs, old, row) -> {
            if (row != null) {
                runsTable.getSelectionModel().clearSelection();
                runsTable.getSelectionModel().select(row);
                runsTable.scrollTo(row);
            }
        });
        runsTable.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && selected().size() == 1) {
                openRun();
            }
        });

        ObservableList<RunRow> selection = runsTable.getSelectionModel().getSelectedItems();
        BooleanBinding one = Bindings.size(selection).isEqualTo(1);
        openRunButton.disableProperty().bind(one.not());
        exportMetricsButton.disableProperty().bind(one.not());
        exportEmbeddingsButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selection.size() != 1 || !selection.get(0).readable(), selection));
        resumeRunButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selection.size() != 1 || !viewModel.canResume(selection.get(0)),
                selection, viewModel.training().runningProperty(),
                viewModel.training().otherJobTrainingProperty()));
        compareButton.disableProperty().bind(Bindings.size(selection).lessThan(2));
        compareMetricChoice.setItems(FXCollections.observableArrayList(Metric.values()));
        compareMetricChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Metric metric) {
                return metric == null ? "" : metric.label();
            }

            @Override
            public Metric fromString(String text) {
                return null;
            }
        });
        compareMetricChoice.valueProperty().bindBidirectional(viewModel.chartedMetricProperty());
        compareMetricBox.setVisible(false);
        compareMetricBox.managedProperty().bind(compareMetricBox.visibleProperty());
        finalsTable.getColumns().setAll(FinalMetricsColumns.all());
        finalsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        // Tall enough for every compared run (up to six, then it scrolls) under its header.
        finalsTable.setFixedCellSize(FINALS_ROW);
        finalsTable.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> FINALS_ROW * Math.max(2, Math.min(6, finalsTable.getItems().size())) + 34,
                finalsTable.getItems()));
        finalsTable.minHeightProperty().bind(finalsTable.prefHeightProperty());
        finalsTable.setVisible(false);
        finalsTable.managedProperty().bind(finalsTable.visibleProperty());
        exportTableButton.disableProperty().bind(Bindings.isEmpty(viewModel.rows()));
        rescanButton.disableProperty().bind(viewModel.busyProperty());

        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        viewModel.comparisonProperty().addListener((obs, old, comparison) -> showCurves(comparison));
        viewModel.rescan();
    }

    @Override
    public void onShown() {
        viewModel.rescan();
    }

    private void rebuildColumns(Table old, Table table) {
        boolean same = old != null && old.columnNames().equals(table.columnNames())
                && !runsTable.getColumns().isEmpty();
        if (!same) {
            runsTable.getColumns().setAll(RunTableColumns.of(table));
        } else if (!runsTable.getSortOrder().isEmpty()) {
            runsTable.sort();
        }
    }

    private void showCurves(RunComparison comparison) {
        compareChart.getData().clear();
        compareLossChart.getData().clear();
        boolean several = comparison != null && comparison.names().size() >= 2;
        finalsTable.setVisible(several);
        finalsTable.getItems().setAll(several ? comparison.finals() : List.of());
        compareMetricBox.setVisible(comparison != null && comparison.manyRuns());
        if (comparison == null) {
            return;
        }
        compareChart.getData().addAll(comparison.metricSeries());
        compareLossChart.getData().addAll(comparison.lossSeries());
        compareLossYAxis.setAutoRanging(comparison.hasPoints());
        if (!comparison.hasPoints()) {
            compareLossYAxis.setLowerBound(0);
            compareLossYAxis.setUpperBound(1);
        }
        compareCaption.setText(comparison.caption());
        ChartSupport.fitEpochAxis(compareXAxis, comparison.maxEpoch(), true);
        ChartSupport.fitEpochAxis(compareLossXAxis, comparison.maxEpoch(), true);
        boolean pair = comparison.names().size() == 2;
        compareChart.getStyleClass().removeAll("comparing", "many-runs");
        compareLossChart.getStyleClass().removeAll("comparing", "many-runs");
        if (pair || comparison.manyRuns()) {
            String style = pair ? "comparing" : "many-runs";
            compareChart.getStyleClass().add(style);
            compareLossChart.getStyleClass().add(style);
        }
    }

    private List<RunRow> selected() {
        return List.copyOf(runsTable.getSelectionModel().getSelectedItems());
    }

    @FXML
    private void rescan() {
        viewModel.rescan();
    }

    @FXML
    private void openRun() {
        List<RunRow> rows = selected();
        if (rows.size() == 1) {
            viewModel.openRun(rows.get(0));
        }
    }

    @FXML
    private void resumeRun() {
        List<RunRow> rows = selected();
        if (rows.size() == 1 && viewModel.canResume(rows.get(0))) {
            viewModel.resume(rows.get(0));
        }
    }

    @FXML
    private void compare() {
        List<RunRow> rows = selected();
        if (rows.size() >= 2) {
            viewModel.compare(rows);
        }
    }

    @FXML
    private void exportEmbeddings() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for the Projector and NumPy files (a RUN-projector folder is made in it)");
        File folder = chooser.showDialog(runsTable.getScene().getWindow());
        List<RunRow> rows = selected();
        if (folder == null || rows.size() != 1) {
            return;
        }
        List<Path> clashes = viewModel.exportClashes(rows.get(0), folder.toPath());
        if (!clashes.isEmpty() && !confirm("Replace export files?",
                clashes.size() + " file(s) of an earlier export are in " + clashes.get(0).getParent()
                        + " (" + clashes.get(0).getFileName() + "...). Replace them?")) {
            return;
        }
        viewModel.exportEmbeddings(rows.get(0), folder.toPath(), !clashes.isEmpty());
    }

    @FXML
    private void exportMetrics() {
        List<RunRow> rows = selected();
        if (rows.size() != 1) {
            return;
        }
        File file = saveDialog("Save the metrics of " + rows.get(0).name(), rows.get(0).name() + "-metrics.csv");
        if (file != null) {
            viewModel.exportMetrics(rows.get(0), file.toPath());
        }
    }

    @FXML
    private void exportTable() {
        File file = saveDialog("Save the runs table", "runs.csv");
        if (file != null) {
            viewModel.exportTable(file.toPath());
        }
    }

    private boolean confirm(String title, String question) {
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.CONFIRMATION, question,
                javafx.scene.control.ButtonType.YES, javafx.scene.control.ButtonType.NO);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.initOwner(runsTable.getScene().getWindow());
        return alert.showAndWait().filter(javafx.scene.control.ButtonType.YES::equals).isPresent();
    }

    private File saveDialog(String title, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        return chooser.showSaveDialog(runsTable.getScene().getWindow());
    }

    // ---- for the menu, automation and tests ----------------------------------------------------

    /** Adds a run folder (or a folder of runs) to the scanned folders and selects it. */
    public void open(Path runFolder) {
        viewModel.open(runFolder);
    }

    /**
     * Writes the selected run's Projector files into {@code folder/RUN-projector} in the
     * background, refusing to replace earlier export files (the menu asks first).
     */
    public Cancellation exportEmbeddingsTo(Path folder) {
        List<RunRow> rows = selected();
        if (rows.size() != 1) {
            throw new IllegalStateException("select one run to export, " + rows.size() + " selected");
        }
        return viewModel.exportEmbeddings(rows.get(0), folder, false);
    }

    public RunsViewModel viewModel() {
        return viewModel;
    }
}
