package org.dmlworkbench.ui;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.dmlworkbench.data.SplitSpec;
import org.dmlworkbench.ui.data.SplitChoice;
import org.controlsfx.control.GridView;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.ui.data.ClassCount;
import org.dmlworkbench.ui.data.DataViewModel;
import org.dmlworkbench.ui.data.Thumbnail;
import org.dmlworkbench.ui.data.ThumbnailCell;
import org.dmlworkbench.ui.data.Thumbnails;

/** The Data panel: binds data.fxml to a {@link DataViewModel}. */
public final class DataController implements Panel {

    private final WorkbenchModel model;
    private final DataViewModel view;
    private boolean syncingChoice;

    @FXML
    private ComboBox<String> datasetChoice;
    @FXML
    private Button openFolderButton;
    @FXML
    private CheckBox skipBadCheck;
    @FXML
    private ProgressIndicator loadingIndicator;
    @FXML
    private ChoiceBox<String> splitMode;
    @FXML
    private Label splitFractionLabel;
    @FXML
    private TextField splitFraction;
    @FXML
    private TextField testClassesFile;
    @FXML
    private Button testClassesButton;
    @FXML
    private Label splitDescription;
    @FXML
    private Label splitProblem;
    @FXML
    private Label dataSummary;
    @FXML
    private Label dataError;
    @FXML
    private Label dataErrorHint;
    @FXML
    private TextArea dataErrorDetails;
    @FXML
    private TableView<ClassCount> classTable;
    @FXML
    private TableColumn<ClassCount, String> classColumn;
    @FXML
    private TableColumn<ClassCount, Number> trainColumn;
    @FXML
    private TableColumn<ClassCount, Number> testColumn;
    @FXML
    private BarChart<String, Number> classChart;
    @FXML
    private Label badFilesCount;
    @FXML
    private ListView<String> badFilesList;
    @FXML
    private ComboBox<String> thumbnailClass;
    @FXML
    private ChoiceBox<DataViewModel.Split> thumbnailSplit;
    @FXML
    private Label thumbnailNote;
    @FXML
    private GridView<Thumbnail> thumbnailGrid;

    public DataController(WorkbenchModel model) {
        this.model = model;
        this.view = new DataViewModel(model);
    }

    /** Loads a named set or a folder in the background; errors show in the panel. */
    public void open(String nameOrPath) {
        view.open(nameOrPath);
    }

    public DataViewModel viewModel() {
        return view;
    }

    @FXML
    private void initialize() {
        datasetChoice.getItems().setAll(DataViewModel.NAMED_SETS);
        datasetChoice.setCellFactory(list -> new DataSetCell());
        datasetChoice.setButtonCell(new DataSetCell());
        datasetChoice.setOnAction(e -> {
            if (!syncingChoice && datasetChoice.getValue() != null) {
                view.open(datasetChoice.getValue());
            }
        });
        skipBadCheck.selectedProperty().bindBidirectional(view.skipBadProperty());
        loadingIndicator.visibleProperty().bind(view.loadingProperty());
        // Never while the chooser is handling a pick (loading starts then): changing its value
        // inside its own selection change breaks its list. A failed load shows the set in use again.
        view.loadingProperty().addListener((obs, was, loading) -> {
            if (!loading) {
                syncChoice();
            }
        });
        model.datasetProperty().addListener((obs, old, dataset) -> syncChoice());

        bindSplit(view.splitChoice());
        dataSummary.textProperty().bind(view.summaryProperty());
        showWhenNotEmpty(dataError, dataError.textProperty());
        dataError.textProperty().bind(view.errorProperty());
        showWhenNotEmpty(dataErrorHint, dataErrorHint.textProperty());
        dataErrorHint.textProperty().bind(view.errorHintProperty());
        showWhenNotEmpty(dataErrorDetails, dataErrorDetails.textProperty());
        dataErrorDetails.textProperty().bind(view.errorDetailsProperty());
        dataErrorDetails.textProperty().addListener((obs, old, text) ->
                dataErrorDetails.setPrefRowCount((int) Math.min(6, text.lines().count())));

        classColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().className()));
        trainColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().train()));
        testColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().test()));
        classTable.setItems(view.classCounts());
        classTable.setPlaceholder(new Label("Open a data set to see its classes"));
        classTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                view.thumbnailClassProperty().set(row.label());
            }
        });
        view.classCounts().addListener((ListChangeListener<ClassCount>) change -> showClasses());

        badFilesList.setItems(view.badFiles());
        badFilesList.setPlaceholder(new Label("No unreadable files"));
        badFilesList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        });
        badFilesCount.textProperty().bind(Bindings.size(view.badFiles()).asString());
        view.badFiles().addListener((ListChangeListener<String>) change -> styleBadFileCount());
        styleBadFileCount();

        thumbnailClass.setOnAction(e -> {
            int label = thumbnailClass.getSelectionModel().getSelectedIndex();
            if (label >= 0) {
                view.thumbnailClassProperty().set(label);
            }
        });
        view.thumbnailClassProperty().addListener((obs, old, label) ->
                thumbnailClass.getSelectionModel().select(label.intValue()));
        thumbnailSplit.getItems().setAll(DataViewModel.Split.values());
        thumbnailSplit.valueProperty().bindBidirectional(view.thumbnailSplitProperty());
        thumbnailNote.textProperty().bind(view.thumbnailNoteProperty());
        thumbnailGrid.setItems(view.thumbnails());
        thumbnailGrid.setCellFactory(grid -> new ThumbnailCell());
        thumbnailGrid.setCellWidth(Thumbnails.TARGET_EDGE + 6);
        thumbnailGrid.setCellHeight(Thumbnails.TARGET_EDGE + 6);
        thumbnailGrid.setHorizontalCellSpacing(3);
        thumbnailGrid.setVerticalCellSpacing(3);
        showClasses();
    }

    private void bindSplit(SplitChoice split) {
        splitMode.getItems().setAll(SplitSpec.MODES);
        splitMode.valueProperty().bindBidirectional(split.modeProperty());
        splitFraction.textProperty().bindBidirectional(split.fractionProperty());
        testClassesFile.textProperty().bindBidirectional(split.classFileProperty());
        // The fraction and the file choose classes: they mean nothing for the other modes.
        var notClasses = split.modeProperty().isNotEqualTo("classes");
        for (Node node : List.of(splitFractionLabel, splitFraction, testClassesFile, testClassesButton)) {
            node.disableProperty().bind(notClasses);
        }
        splitFraction.disableProperty().unbind();
        splitFraction.disableProperty().bind(notClasses.or(split.classFileProperty().isNotEmpty()));
        splitDescription.textProperty().bind(Bindings.createStringBinding(
                () -> model.configProperty().get().split().describe(), model.configProperty()));
        showWhenNotEmpty(splitProblem, splitProblem.textProperty());
        splitProblem.textProperty().bind(model.dataProblemProperty());
    }

    private void showClasses() {
        List<ClassCount> rows = view.classCounts();
        thumbnailClass.getItems().setAll(rows.stream().map(ClassCount::className).toList());
        if (!rows.isEmpty()) {
            thumbnailClass.getSelectionModel().select(Math.min(view.thumbnailClassProperty().get(), rows.size() - 1));
        }
        XYChart.Series<String, Number> train = new XYChart.Series<>();
        train.setName("train");
        XYChart.Series<String, Number> test = new XYChart.Series<>();
        test.setName("test");
        for (ClassCount row : rows) {
            train.getData().add(new XYChart.Data<>(row.className(), row.train()));
            test.getData().add(new XYChart.Data<>(row.className(), row.test()));
        }
        classChart.getData().setAll(List.of(train, test));
    }

    private void styleBadFileCount() {
        boolean any = !view.badFiles().isEmpty();
        badFilesCount.getStyleClass().removeAll("badge-good", "badge-warn");
        badFilesCount.getStyleClass().add(any ? "badge-warn" : "badge-good");
    }

    /**
     * The chooser shows the set in use: a named set by its name, a folder as one more entry
     * (the last folder opened) named by the folder, so it can be picked again.
     */
    private void syncChoice() {
        Dataset dataset = model.datasetProperty().get();
        String name = dataset == null ? null : dataset.name();
        if (name != null && DataViewModel.NAMED_SETS.contains(name.toLowerCase(Locale.ROOT))) {
            name = name.toLowerCase(Locale.ROOT);
        }
        syncingChoice = true;
        try {
            if (name != null && !datasetChoice.getItems().contains(name)) {
                List<String> items = new ArrayList<>(DataViewModel.NAMED_SETS);
                items.add(name);
                datasetChoice.getItems().setAll(items);
            }
            datasetChoice.setValue(name);
        } finally {
            syncingChoice = false;
        }
    }

    /** A named set by its name; a folder by its own name, with the whole path as a tooltip. */
    private static final class DataSetCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            boolean folder = !empty && item != null && !DataViewModel.NAMED_SETS.contains(item);
            setText(empty || item == null ? null : folder ? folderName(item) : item);
            setTooltip(folder ? new Tooltip(item) : null);
        }

        private static String folderName(String path) {
            try {
                Path name = Path.of(path).getFileName();
                return name == null ? path : name.toString();
            } catch (InvalidPathException e) {
                return path;
            }
        }
    }

    private static void showWhenNotEmpty(Node node, StringExpression text) {
        node.visibleProperty().bind(text.isNotEmpty());
        node.managedProperty().bind(node.visibleProperty());
    }

    @FXML
    private void chooseTestClasses() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("A text file naming the test classes, one per line");
        File file = chooser.showOpenDialog(testClassesButton.getScene().getWindow());
        if (file != null) {
            view.splitChoice().classFileProperty().set(file.getAbsolutePath());
        }
    }

    @FXML
    private void openFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open an image folder, IDX folder or CIFAR-10 folder");
        Dataset current = model.datasetProperty().get();
        if (current != null) {
            File folder = new File(current.location());
            if (folder.isDirectory() && folder.getParentFile() != null) {
                chooser.setInitialDirectory(folder.getParentFile());
            }
        }
        File folder = chooser.showDialog(openFolderButton.getScene().getWindow());
        if (folder != null) {
            view.open(folder.getAbsolutePath());
        }
    }
}
