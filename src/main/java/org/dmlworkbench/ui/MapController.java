package org.dmlworkbench.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import org.controlsfx.control.GridView;
import org.dmlworkbench.search.Neighbor;
import org.dmlworkbench.ui.map.MapData;
import org.dmlworkbench.ui.map.MapSpace;
import org.dmlworkbench.ui.map.MapViewModel;
import org.dmlworkbench.ui.map.MapViews;
import org.dmlworkbench.ui.map.ScatterCanvas;
import org.dmlworkbench.ui.runview.ActiveRunSession;
import org.dmlworkbench.ui.settings.WorkbenchSettings;

/**
 * The embedding map: a 2-D projection of the active run's test embeddings on a
 * {@link ScatterCanvas}, with legend, neighbours of the clicked point and the images of a
 * rectangle or lasso selection. Logic lives in {@link MapViewModel}.
 */
public final class MapController implements Panel {

    private final WorkbenchModel model;
    private final ActiveRunSession session;
    private final MapViewModel viewModel;

    @FXML
    private HBox spaceBox;
    @FXML
    private ChoiceBox<MapSpace> spaceChoice;
    @FXML
    private ChoiceBox<String> projectionChoice;
    @FXML
    private Button projectButton;
    @FXML
    private Button cancelProjectionButton;
    @FXML
    private ProgressBar projectionProgress;
    @FXML
    private Label projectionStep;
    @FXML
    private ChoiceBox<MapViewModel.ColourMode> colourModeChoice;
    @FXML
    private ToggleButton lassoToggle;
    @FXML
    private ScatterCanvas mapCanvas;
    @FXML
    private Label projectionNotes;
    @FXML
    private Label runStatus;
    @FXML
    private Label legendTitle;
    @FXML
    private TilePane legend;
    @FXML
    private Label neighbourTitle;
    @FXML
    private Label neighbourHint;
    @FXML
    private ListView<Neighbor> neighbourList;
    @FXML
    private Label selectionTitle;
    @FXML
    private Label selectionHint;
    @FXML
    private GridView<Integer> selectionGrid;

    public MapController(WorkbenchModel model) {
        this.model = model;
        this.session = ActiveRunSession.of(model);
        this.viewModel = new MapViewModel(session, model.jobs());
    }

    @FXML
    private void initialize() {
        spaceChoice.setItems(FXCollections.observableArrayList(MapSpace.values()));
        spaceChoice.valueProperty().bindBidirectional(viewModel.spaceProperty());
        spaceBox.visibleProperty().bind(viewModel.guidedProperty());
        spaceBox.managedProperty().bind(spaceBox.visibleProperty());
        projectionChoice.setItems(viewModel.methods());
        projectionChoice.valueProperty().bindBidirectional(viewModel.methodProperty());
        colourModeChoice.setItems(FXCollections.observableArrayList(MapViewModel.ColourMode.values()));
        colourModeChoice.valueProperty().bindBidirectional(viewModel.colourModeProperty());
        projectButton.disableProperty().bind(viewModel.projectingProperty()
                .or(session.readyProperty().not()));
        cancelProjectionButton.disableProperty().bind(viewModel.projectingProperty().not());
        projectionProgress.progressProperty().bind(viewModel.progressProperty());
        projectionProgress.visibleProperty().bind(viewModel.projectingProperty());
        projectionProgress.managedProperty().bind(projectionProgress.visibleProperty());
        projectionStep.textProperty().bind(viewModel.progressTextProperty());
        projectionNotes.textProperty().bind(viewModel.notesProperty());
        runStatus.textProperty().bind(session.messageProperty());
        // Until the run is ready the map itself says why it is empty.
        runStatus.visibleProperty().bind(session.readyProperty());
        runStatus.managedProperty().bind(runStatus.visibleProperty());
        lassoToggle.selectedProperty().bindBidirectional(mapCanvas.lassoModeProperty());
        mapCanvas.darkBackgroundProperty().bind(Bindings.createBooleanBinding(
                () -> model.themeProperty().get() == WorkbenchModel.Theme.DARK, model.themeProperty()));
        mapCanvas.placeholderProperty().bind(Bindings.createStringBinding(this::placeholder,
                session.messageProperty(), session.readyProperty(), viewModel.projectingProperty(),
                viewModel.mapProperty()));
        mapCanvas.setHoverNodeFactory(point -> {
            MapData data = viewModel.mapProperty().get();
            return data == null || point >= data.size() ? null : MapViews.hoverCard(data, point);
        });
        neighbourList.setCellFactory(list -> MapViews.neighbourCell(
                () -> viewModel.mapProperty().get(), () -> mapCanvas.selectedIndexProperty().get()));
        neighbourList.setPlaceholder(new Label("No point selected"));
        neighbourList.setOnMouseClicked(event -> {
            Neighbor picked = neighbourList.getSelectionModel().getSelectedItem();
            if (picked != null && event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                mapCanvas.selectedIndexProperty().set(picked.index());
            }
        });
        selectionGrid.setCellFactory(grid -> MapViews.selectionCell(
                () -> viewModel.mapProperty().get()));
        selectionGrid.setCellWidth(72);
        selectionGrid.setCellHeight(84);
        selectionGrid.setHorizontalCellSpacing(4);
        selectionGrid.setVerticalCellSpacing(4);

        viewModel.mapProperty().addListener((obs, old, data) -> showMap(data));
        viewModel.colourModeProperty().addListener((obs, old, mode) -> recolour());
        viewModel.neighboursProperty().addListener((obs, old, found) -> showNeighbours(found));
        mapCanvas.selectedIndexProperty().addListener((obs, old, point) ->
                viewModel.selectPoint(point.intValue()));
        mapCanvas.selectionProperty().addListener((obs, old, points) -> showSelection(points));
        showMap(viewModel.mapProperty().get());
        rememberMapSettings();
        mapCanvas.setAccessibleText("Embedding map: one point per test image, coloured by class;"
                + " click a point for its neighbours");
        selectionGrid.setAccessibleText("Images of the points selected on the map");
    }

    /** Restores the projection and colouring chosen last time, and keeps the choice up to date. */
    private void rememberMapSettings() {
        WorkbenchSettings settings = model.settings().get();
        if (settings.mapMethod != null && viewModel.methods().contains(settings.mapMethod)) {
            viewModel.methodProperty().set(settings.mapMethod);
        }
        for (MapViewModel.ColourMode mode : MapViewModel.ColourMode.values()) {
            if (mode.name().equals(settings.mapColourMode)) {
                viewModel.colourModeProperty().set(mode);
            }
        }
        viewModel.methodProperty().addListener((obs, old, method) -> settings.mapMethod = method);
        viewModel.colourModeProperty().addListener((obs, old, mode) -> settings.mapColourMode = mode.name());
    }

    @Override
    public void onShown() {
        session.refreshIfChanged();
    }

    private String placeholder() {
        if (!session.readyProperty().get()) {
            return session.messageProperty().get();
        }
        if (viewModel.projectingProperty().get()) {
            return "Computing the map...";
        }
        return viewModel.mapProperty().get() == null ? "Choose a projection and press Project." : "";
    }

    private void showMap(MapData data) {
        if (data == null) {
            mapCanvas.clearPoints();
        } else {
            MapViewModel.Colouring colouring = viewModel.colouring();
            mapCanvas.setPoints(data.projection().x(), data.projection().y(), colouring.colourOf(),
                    colouring.palette());
        }
        showLegend();
        showSelection(new int[0]);
        showNeighbours(List.of());
    }

    private void recolour() {
        if (viewModel.mapProperty().get() != null) {
            MapViewModel.Colouring colouring = viewModel.colouring();
            mapCanvas.setColours(colouring.colourOf(), colouring.palette());
        }
        showLegend();
    }

    private void showLegend() {
        MapViewModel.Colouring colouring = viewModel.colouring();
        legend.getChildren().setAll(colouring.legend().stream()
                .map(MapViews::legendEntry).toList());
        MapData data = viewModel.mapProperty().get();
        legendTitle.setText(data == null ? "Classes" : String.format(Locale.ROOT, "%s · %,d points",
                viewModel.colourModeProperty().get() == MapViewModel.ColourMode.NN_WRONG
                        ? "Leave-one-out 1-NN" : "Classes", data.size()));
    }

    private void showNeighbours(List<Neighbor> found) {
        neighbourList.getItems().setAll(found);
        mapCanvas.highlightedProperty().set(found.stream().mapToInt(Neighbor::index).toArray());
        MapData data = viewModel.mapProperty().get();
        int point = mapCanvas.selectedIndexProperty().get();
        if (data == null || point < 0 || point >= data.size()) {
            neighbourTitle.setText("Nearest neighbours");
            neighbourHint.setText("Click a point to list its nearest neighbours in embedding space.");
            return;
        }
        neighbourTitle.setText("Nearest neighbours of " + data.className(point));
        long same = found.stream().filter(n -> data.label(n.index()) == data.label(point)).count();
        neighbourHint.setText(String.format(Locale.ROOT,
                "%s #%d · %d of %d share its class · 1-NN %s · among the %,d shown points",
                data.run().split(), data.imageIndex(point), same, found.size(),
                data.isWrong(point) ? "wrong" : "right", data.size()));
    }

    private void showSelection(int[] points) {
        selectionGrid.getItems().setAll(Arrays.stream(points).boxed().toList());
        MapData data = viewModel.mapProperty().get();
        long wrong = data == null ? 0 : Arrays.stream(points).filter(data::isWrong).count();
        selectionTitle.setText(points.length == 0 ? "Selection"
                : String.format(Locale.ROOT, "Selection · %,d images", points.length));
        selectionHint.setText(points.length == 0
                ? "Shift-drag a rectangle or draw a lasso on the map to see those images here."
                : String.format(Locale.ROOT, "%,d of them (in red) have a nearest neighbour of"
                        + " another class.", wrong));
    }

    @FXML
    private void project() {
        viewModel.project();
    }

    @FXML
    private void cancelProjection() {
        viewModel.cancel();
    }

    @FXML
    private void fit() {
        mapCanvas.fit();
    }

    /** The map's state, for automation and tests. */
    public MapViewModel viewModel() {
        return viewModel;
    }

    public ActiveRunSession session() {
        return session;
    }

    public ScatterCanvas canvas() {
        return mapCanvas;
    }
}
