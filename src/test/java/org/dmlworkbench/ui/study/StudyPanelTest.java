package org.dmlworkbench.ui.study;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.training.PanelFixture.fx;
import static org.dmlworkbench.ui.training.PanelFixture.fxRun;
import static org.dmlworkbench.ui.training.PanelFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.study.StudyFolder;
import org.dmlworkbench.study.StudyPlan;
import org.dmlworkbench.config.TrainingConfig;
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
import org.testfx.util.WaitForAsyncUtils;

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
        waitUntil(120, "the study's two runs are listed", () -> runTable.getItems().size() == 2);
        assertEquals("seed=1", fx(() -> runTable.getItems().get(0).id()));
        assertEquals("pending", fx(() -> runTable.getItems().get(1).status()));

        robot.clickOn(fxFind(() -> robot.lookup("#runStudyButton").query()));
        confirmThePlan(robot);
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

    /** One run whose learning rate of 1e20 makes the loss non-finite within a few steps. */
    private static final String FAILING = """
            {"name": "panel-failing", "title": "Panel failing study",
             "base": {"data": "sample", "epochs": 1, "batch": 100, "conv-widths": [4, 8],
                      "embedding-dim": 8, "device": "cpu"},
             "factors": [{"name": "lr", "values": [1e20]}],
             "metrics": ["precision_at_1"]}
            """;

    /** Fashion-MNIST for 3 epochs, as shipped studies say; the test runs it on the sample for 2. */
    private static final String OVERRIDDEN = """
            {"name": "panel-plan", "title": "Panel plan study",
             "base": {"data": "fashion-mnist", "epochs": 3, "batch": 100, "conv-widths": [4, 8],
                      "embedding-dim": 8, "device": "cpu"},
             "factors": [{"name": "seed", "values": [1, 2]}],
             "metrics": ["precision_at_1"]}
            """;

    /** Presses the plan's Start button once it shows (laid out where it will be clicked). */
    private void confirmThePlan(FxRobot robot) throws Exception {
        Button confirm = fxValue(() -> robot.lookup("#confirmStudyButton").queryAs(Button.class));
        waitUntil(120, "the plan is timed and shown", () -> confirm.isVisible()
                && confirm.getParent().getLayoutBounds().getHeight() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(confirm);
        waitUntil(120, "the study runs", () -> controller.viewModel().runningProperty().get()
                || runTable.getItems().stream().noneMatch(r -> r.status().equals("pending")));
    }

    private String text(FxRobot robot, String id) throws Exception {
        Label label = fxValue(() -> robot.lookup(id).queryAs(Label.class));
        return fx(label::getText);
    }

    private void openStudy(String name, String json) throws Exception {
        Path file = runs.resolve(name + ".json");
        Files.writeString(file, json);
        fxRun(() -> controller.open(file));
        waitUntil(120, "the study is open", () -> controller.viewModel().studyProperty().get() != null
                && controller.viewModel().studyProperty().get().plan().spec().name().equals(name));
    }

    @Test
    void aFailedRunShowsWhyItFailed(FxRobot robot) throws Exception {
        openStudy("panel-failing", FAILING);
        robot.clickOn(fxFind(() -> robot.lookup("#runStudyButton").query()));
        confirmThePlan(robot);
        waitUntil(120, "the run has failed", () -> !controller.viewModel().runningProperty().get()
                && runTable.getItems().size() == 1 && runTable.getItems().get(0).status().equals("failed"));
        // The reason is in the table itself, not only in report.md.
        waitUntil(60, "the table shows the reason", () -> fxValue(() -> robot.lookup("#studyRunsTable").lookup(".table-cell")
                .queryAll()).stream().anyMatch(cell -> cell instanceof TableCell<?, ?> c && c.getText() != null
                        && c.getText().contains("the loss became")));
        String message = text(robot, "#studyMessage");
        assertTrue(message.contains("1 failed"), message);
        // Selected, the run's whole sentence shows below the table.
        fxRun(() -> runTable.getSelectionModel().select(0));
        String detail = text(robot, "#studyRunDetail");
        assertTrue(detail.startsWith(fx(() -> runTable.getItems().get(0).id()) + " failed: the loss became"), detail);
    }

    @Test
    void runShowsThePlanWithAMeasuredEstimateAndTrainsTheChosenDataAndEpochs(FxRobot robot)
            throws Exception {
        openStudy("panel-plan", OVERRIDDEN);
        String plan = text(robot, "#studyPlanLabel");
        assertTrue(plan.contains("2 runs") && plan.contains("3 epochs") && plan.contains("fashion-mnist"), plan);

        @SuppressWarnings("unchecked")
        ComboBox<String> data = fxValue(() -> robot.lookup("#studyDataCombo").queryAs(ComboBox.class));
        TextField epochs = fxValue(() -> robot.lookup("#studyEpochsField").queryAs(TextField.class));
        fxRun(() -> {
            data.setValue("sample");
            epochs.setText("2");
        });
        waitUntil(120, "the plan follows the overrides", () -> {
            String now = fxValue(() -> robot.lookup("#studyPlanLabel").queryAs(Label.class)).getText();
            return now.contains("2 runs") && now.contains("2 epochs") && now.contains("sample");
        });

        robot.clickOn(fxFind(() -> robot.lookup("#runStudyButton").query()));
        waitUntil(120, "the plan has a measured estimate", () -> {
            String now = fxValue(() -> robot.lookup("#studyPlanLabel").queryAs(Label.class)).getText();
            return now.contains("img/s") && now.contains("about");
        });
        assertFalse(fx(() -> controller.viewModel().runningProperty().get()), "nothing trains before the OK");
        confirmThePlan(robot);

        Pattern perRun = Pattern.compile("run [12]/2 .*epoch [12]/2 · step \\d+/\\d+.*ETA.*");
        waitUntil(120, "the run's epoch, step and ETA show", () -> perRun.matcher(
                fxValue(() -> robot.lookup("#studyRunProgress").queryAs(Label.class)).getText()).matches());
        waitUntil(240, "both runs completed", () -> !controller.viewModel().runningProperty().get()
                && runTable.getItems().stream().allMatch(r -> r.status().equals("completed")));

        var loaded = fx(() -> controller.viewModel().studyProperty().get());
        for (StudyPlan.PlannedRun run : loaded.plan().runs()) {
            TrainingConfig config = loaded.folder().run(run).readManifest().config();
            assertEquals("sample", config.data(), run.id());
            assertEquals(2, config.epochs(), run.id());
        }
    }
}
