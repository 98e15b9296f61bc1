package org.dmlworkbench.ui;

import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.onFx;
import static org.dmlworkbench.ui.runview.WorkbenchWindow.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.dmlworkbench.ui.map.ScatterCanvas;
import org.dmlworkbench.ui.runview.TrainedSampleRun;
import org.dmlworkbench.ui.runview.WorkbenchWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window at 1000x700: nothing the panels show is cut off, and the map follows the window's size. */
@ExtendWith(ApplicationExtension.class)
class SmallWindowTest {

    @TempDir
    Path runs;
    private WorkbenchWindow window;
    private Stage stage;

    @BeforeAll
    static void screen() {
        WorkbenchWindow.useLargeHeadlessScreen();
        TrainedSampleRun.run();
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = WorkbenchWindow.start(stage, runs);
    }

    @AfterEach
    void close() throws Exception {
        window.close();
    }

    private void resize(double width, double height) throws Exception {
        onFx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            return null;
        });
        waitUntil(60, () -> stage.getScene().getWidth() <= width && stage.getScene().getHeight() <= height);
    }

    private void select(String panel) throws Exception {
        onFx(() -> {
            window.main().select(panel);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return null;
        });
    }

    /** Labels under {@code root} (with style class {@code styleClass}) whose text is cut to an ellipsis. */
    private static List<String> truncated(Node root, String selector) throws Exception {
        return onFx(() -> {
            // Lay out first: a label's shown text follows its text at the next layout.
            root.getScene().getRoot().applyCss();
            root.getScene().getRoot().layout();
            List<String> cut = new ArrayList<>();
            for (Node node : root.lookupAll(selector)) {
                if (node instanceof Labeled labeled && labeled.isVisible() && labeled.getText() != null
                        && !labeled.getText().isEmpty()) {
                    Node text = labeled.lookup(".text");
                    if (text instanceof Text shown && !shown.getText().equals(labeled.getText())) {
                        cut.add(labeled.getText() + " shown as " + shown.getText());
                    }
                }
            }
            return cut;
        });
    }

    /** How much wider a table's visible columns are than the table. */
    private static double overflow(TableView<?> table) throws Exception {
        return onFx(() -> {
            double columns = table.getVisibleLeafColumns().stream().mapToDouble(TableColumnBase::getWidth).sum();
            return columns - (table.getWidth() - table.snappedLeftInset() - table.snappedRightInset());
        });
    }

    @Test
    void nothingIsClippedAt1000x700(FxRobot robot) throws Exception {
        resize(1000, 700);
        Node scene = onFx(() -> stage.getScene().getRoot());

        select("architecture");
        ScrollPane form = fxValue(() -> robot.lookup(".form-scroll").queryAs(ScrollPane.class));
        List<String> outside = onFx(() -> {
            List<String> cut = new ArrayList<>();
            Bounds viewport = form.localToScene(form.getLayoutBounds());
            for (Node column : form.lookupAll(".config-form")) {
                Bounds bounds = column.localToScene(column.getLayoutBounds());
                if (bounds.getMaxX() > viewport.getMaxX() + 0.5) {
                    cut.add(String.format("a form column ends at x=%.0f, the form's view at %.0f",
                            bounds.getMaxX(), viewport.getMaxX()));
                }
            }
            return cut;
        });
        assertEquals(List.of(), outside);
        TableView<?> layers = fxValue(() -> robot.lookup("#layerTable").queryAs(TableView.class));
        waitUntil(60, () -> !layers.getItems().isEmpty());
        assertEquals(List.of(), truncated(layers, ".column-header .label"), "layer table headers");

        select("training");
        waitUntil(60, () -> !window.main().panel("training", TrainingController.class).viewModel()
                .display().deviceProperty().get().isEmpty());
        assertEquals(List.of(), truncated(scene, "#deviceLabel"), "device badge");
        assertEquals(List.of(), truncated(scene, "#configLabel"), "what Start trains");

        select("study");
        TableView<?> study = fxValue(() -> robot.lookup("#studyRunsTable").queryAs(TableView.class));
        assertTrue(overflow(study) <= 0.5, "the study's runs table is wider than its pane by " + overflow(study));
        assertEquals(List.of(), truncated(study, ".column-header .label"), "study table headers");
        assertEquals(List.of(), truncated(scene, ".study-toolbar .button"), "study buttons");

        select("runs");
        TableView<?> runsTable = fxValue(() -> robot.lookup("#runsTable").queryAs(TableView.class));
        assertTrue(overflow(runsTable) <= 0.5, "the runs table is wider than the window by " + overflow(runsTable));
        assertEquals(List.of(), truncated(runsTable, ".column-header .label"), "runs table headers");
        assertEquals(List.of(), truncated(scene, ".runs-toolbar .button"), "runs buttons");
    }

    @Test
    void theMapFitsItsPointsAgainWhenTheWindowShrinks(FxRobot robot) throws Exception {
        MapController map = window.main().panel("map", MapController.class);
        window.show(TrainedSampleRun.run(), "map");
        waitUntil(60, () -> map.viewModel().mapProperty().get() != null && map.canvas().size() == 500);
        ScatterCanvas canvas = map.canvas();
        double wide = onFx(canvas::getWidth);
        resize(1000, 700);
        waitUntil(60, () -> canvas.getWidth() < wide - 100);
        List<Integer> outside = onFx(() -> {
            List<Integer> points = new ArrayList<>();
            for (int i = 0; i < canvas.size(); i++) {
                double x = canvas.screenX(i);
                double y = canvas.screenY(i);
                if (x < 0 || y < 0 || x > canvas.getWidth() || y > canvas.getHeight()) {
                    points.add(i);
                }
            }
            return points;
        });
        assertEquals(List.of(), outside, "points left outside the resized map");
    }
}
