package org.dmlworkbench.ui.study;

import static org.dmlworkbench.ui.training.PanelFixture.fx;
import static org.dmlworkbench.ui.training.PanelFixture.fxRun;
import static org.dmlworkbench.ui.training.PanelFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.study.StudyFolder;
import org.dmlworkbench.ui.StudyController;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.training.PanelFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Opens a two-run study (two seeds, one epoch on the sample, a tiny network) and runs it. */
@ExtendWith(ApplicationExtension.class)
class StudyPanelTest {

    private static final String STUDY = """
            {"name": "panel-tiny", "title": "Panel tiny study",
             "base": {"data": "sample", "epochs": 1, "batch": 100, "conv-widths": [4, 8],
                      "embedding-dim": 8},
             "factors": [{"name": "seed", "values": [1, 2]}],
             "metrics": ["precision_at_1", "nmi"]}
            """;

    @TempDir
    Path runs;

    private WorkbenchModel model;
    private StudyController controller;
    private TableView<StudyRunRow> runTable;
    private TableView<StudySummaryRow> summaryTable;

    @Start
    @SuppressWarnings("unchecked")
    void start(Stage stage) throws IOException {
        model = new WorkbenchModel(runs, DatasetLocator.Options.defaults().withOffline(true));
        FXMLLoader loader = PanelFixture.load("study", model);
        controller = loader.getController();
        runTable = (TableView<StudyRunRow>) loader.getNamespace().get("studyRunsTable");
        summaryTable = (TableView<StudySummaryRow>) loader.getNamespace().get("studySummaryTable");
        PanelFixture.show(stage, loader.getRoot(), WorkbenchModel.Theme.LIGHT);
    }

    @AfterEach
    void closeWindow() throws Exception {
        fxRun(model::shutdown);
    }

    @Test
    void opensAStudyRunsItAndShowsTheAggregate(FxRobot robot) throws Exception {
        Path file = runs.resolve("panel-tiny.json");
        Files.writeString(file, STUDY);
        fxRun(() -> controller.open(file));
        waitUntil(30, "the study's two runs are listed", () -> runTable.getItems().size() == 2);
        assertEquals("seed=1", fx(() -> runTable.getItems().get(0).id()));
        assertEquals("pending", fx(() -> runTable.getItems().get(1).status()));

        robot.clickOn("#runStudyButton");
        try {
            waitUntil(180, "both runs completed",
                    () -> runTable.getItems().stream().allMatch(r -> r.status().equals("completed"))
                            && !controller.viewModel().runningProperty().get()
                            && !summaryTable.getItems().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; panel says: "
                    + fx(() -> controller.viewModel().messageProperty().get() + " " + runTable.getItems()
                    + " metric " + controller.viewModel().metricProperty().get()), e);
        }
        StudySummaryRow all = fx(() -> summaryTable.getItems().get(0));
        assertEquals("all", all.group());
        assertEquals(2, all.n());
        assertTrue(all.interval().startsWith("["), all.interval());
        assertEquals(1.0, fx(() -> controller.viewModel().progressProperty().get()), 1e-9);
        Path plot = fx(() -> controller.viewModel().plotProperty().get());
        assertNotNull(plot);
        assertTrue(Files.isRegularFile(plot));
        StudyFolder folder = new StudyFolder(runs.resolve("studies").resolve("panel-tiny"));
        assertTrue(Files.isRegularFile(folder.reportFile()));
        assertTrue(folder.run(fx(() -> controller.viewModel().studyProperty().get().plan().runs().get(1))).exists());
    }
}
