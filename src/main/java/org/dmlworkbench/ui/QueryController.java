package org.dmlworkbench.ui;

import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.dmlworkbench.ui.query.QueryOutcome;
import org.dmlworkbench.ui.query.QueryViewModel;
import org.dmlworkbench.ui.query.QueryViews;
import org.dmlworkbench.ui.runview.ActiveRunSession;

/**
 * Search by image: drop (or choose) image files, or use the point picked on the map, and see the
 * k nearest gallery images of each with class and distance. Logic lives in
 * {@link QueryViewModel}.
 */
public final class QueryController implements Panel {

    private static final int MAX_K = 100;

    private final ActiveRunSession session;
    private final QueryViewModel viewModel;

    @FXML
    private VBox queryDropZone;
    @FXML
    private Button chooseImagesButton;
    @FXML
    private Button useMapPointButton;
    @FXML
    private Spinner<Integer> kSpinner;
    @FXML
    private ChoiceBox<String> galleryChoice;
    @FXML
    private Label queryError;
    @FXML
    private Label queryStatus;
    @FXML
    private VBox queryResults;

    public QueryController(WorkbenchModel model) {
        this.session = ActiveRunSession.of(model);
        this.viewModel = new QueryViewModel(session, model.jobs());
    }

    @FXML
    private void initialize() {
        SpinnerValueFactory.IntegerSpinnerValueFactory k =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, MAX_K, QueryViewModel.DEFAULT_K);
        kSpinner.setValueFactory(k);
        kSpinner.valueProperty().addListener((obs, old, value) -> viewModel.kProperty().set(value));
        galleryChoice.getItems().setAll(QueryViewModel.GALLERIES);
        galleryChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String split) {
                if (split != null && split.startsWith(QueryViewModel.STORE_PREFIX)) {
                    return "Store " + java.nio.file.Path.of(split.substring(
                            QueryViewModel.STORE_PREFIX.length())).getFileName();
                }
                return split == null ? "" : split.equals("train") ? "Training images" : "Test images";
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        // a store chosen (here or by automation) joins the choices, so the box can show it
        viewModel.galleryProperty().addListener((obs, old, now) -> {
            if (now != null && !galleryChoice.getItems().contains(now)) {
                galleryChoice.getItems().add(now);
            }
        });
        galleryChoice.valueProperty().bindBidirectional(viewModel.galleryProperty());
        queryError.textProperty().bind(viewModel.errorProperty());
        queryError.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        queryError.managedProperty().bind(queryError.visibleProperty());
        queryStatus.textProperty().bind(Bindings.createStringBinding(() -> session.readyProperty().get()
                ? viewModel.statusProperty().get() : session.messageProperty().get(),
                session.readyProperty(), session.messageProperty(), viewModel.statusProperty()));
        useMapPointButton.disableProperty().bind(session.selectedPointProperty().isNull());
        viewModel.results().addListener((ListChangeListener<QueryOutcome>) change -> showResults());
        queryDropZone.setOnDragOver(this::dragOver);
        queryDropZone.setOnDragEntered(event -> {
            if (event.getDragboard().hasFiles()) {
                queryDropZone.getStyleClass().add("drag-over");
            }
        });
        queryDropZone.setOnDragExited(event -> queryDropZone.getStyleClass().remove("drag-over"));
        queryDropZone.setOnDragDropped(this::dropped);
        showResults();
    }

    @Override
    public void onShown() {
        session.refreshIfChanged();
    }

    /**
     * Searches with image files (folders add the images inside them); what a drop calls, public
     * for automation and tests. Results and errors appear in the view when the search is done.
     */
    public void queryFiles(List<File> files) {
        viewModel.queryFiles(files);
    }

    /**
     * Searches with an image in memory, e.g. one picked in the Data panel ("search with this
     * image"); {@code label} is its class in the active run's data, or -1.
     */
    public void queryImage(java.awt.image.BufferedImage image, String name, int label) {
        viewModel.queryImage(image, name, label);
    }

    private void dragOver(DragEvent event) {
        if (event.getDragboard().hasFiles()) {
            event.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
        }
        event.consume();
    }

    private void dropped(DragEvent event) {
        boolean files = event.getDragboard().hasFiles();
        if (files) {
            queryFiles(event.getDragboard().getFiles());
        }
        event.setDropCompleted(files);
        event.consume();
    }

    @FXML
    private void chooseImages() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose query images");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif",
                        "*.bmp", "*.tif", "*.tiff"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> chosen = chooser.showOpenMultipleDialog(queryDropZone.getScene().getWindow());
        if (chosen != null && !chosen.isEmpty()) {
            queryFiles(chosen);
        }
    }

    /** Searches a gallery store built by 'index build' (a folder with store.json). */
    @FXML
    private void chooseStore() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Choose a gallery store (a folder made by 'index build')");
        File chosen = chooser.showDialog(queryDropZone.getScene().getWindow());
        if (chosen != null) {
            viewModel.useStore(chosen.toPath());
        }
    }

    @FXML
    private void useMapPoint() {
        viewModel.querySelectedPoint();
    }

    private void showResults() {
        if (viewModel.results().isEmpty()) {
            Label empty = new Label("The nearest gallery images of each query appear here.");
            empty.getStyleClass().add("hint");
            queryResults.getChildren().setAll(empty);
            return;
        }
        queryResults.getChildren().setAll(viewModel.results().stream().map(QueryViews::row).toList());
    }

    /** The panel's state, for automation and tests. */
    public QueryViewModel viewModel() {
        return viewModel;
    }
}
