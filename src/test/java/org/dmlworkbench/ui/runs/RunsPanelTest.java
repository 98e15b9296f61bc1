package org.dmlworkbench.ui.runs;

import static org.dmlworkbench.ui.FxLookups.fxFind;
import static org.dmlworkbench.ui.FxLookups.fxNode;
import static org.dmlworkbench.ui.FxLookups.fxValue;
import static org.dmlworkbench.ui.training.PanelFixture.fx;
import static org.dmlworkbench.ui.training.PanelFixture.fxRun;
import static org.dmlworkbench.ui.training.PanelFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javafx.fxml.FXMLLoader;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.MetricsLog;
import org.dmlworkbench.run.RunCatalog;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.training.MetricTrainer;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.ui.RunsController;
import org.dmlworkbench.ui.WorkbenchModel;
import org.dmlworkbench.ui.training.Metric;
import org.dmlworkbench.ui.training.PanelFixture;
import org.dmlworkbench.ui.training.TrainingViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

@ExtendWith(ApplicationExtension.class)
class RunsPanelTest {

    @TempDir
    static Path runs;
    @TempDir
    static Path elsewhere;
    @TempDir
    Path out;

    /** Every 6th training image of the sample (333: 5 steps of 64) and all 500 test images. */
    private static Dataset data;
    private static RunDirectory runA;
    private static RunDirectory runB;
    private static RunDirectory stopped;

    private WorkbenchModel model;
    private RunsController controller;
    private TableView<RunRow> table;

    @BeforeAll
    static void trainRuns() throws IOException {
        Dataset sample = PanelFixture.sample();
        int[] every6th = IntStream.range(0, sample.train().size()).filter(i -> i % 6 == 0).toArray();
        data = new Dataset("sample-every-6th", sample.format(), sample.location(),
                sample.train().subset(every6th), sample.test(), List.of(), sample.conversion());
        runA = train("run-a", 1, null);
        runB = train("run-b", 2, null);
        stopped = train("run-stopped", 3, 2L);
    }

    /** Trains one epoch through the engine, or stops after {@code stopAfterStep} steps. */
    private static RunDirectory train(String name, long seed, Long stopAfterStep) throws IOException {
        TrainingConfig config = TrainingConfig.defaults().toBuilder()
                .data(data.name())
                .model(ModelSpec.preset("hybrid1").withEmbeddingDim(32))
                .batchSize(64).epochs(1).seed(seed).device("cpu").build();
        RunDirectory run = new RunDirectory(runs.resolve(name));
        TrainingControl control = new TrainingControl();
        TrainingObserver observer = new TrainingObserver() {
            @Override
            public void onStep(Step step) {
                if (stopAfterStep != null && step.globalStep() == stopAfterStep) {
                    control.stop();
                }
            }
        };
        TrainingOutcome outcome = MetricTrainer.create(run, config, data, observer, control).run();
        assertEquals(stopAfterStep == null ? TrainingOutcome.Status.COMPLETED : TrainingOutcome.Status.STOPPED,
                outcome.status(), outcome.message());
        return run;
    }

    @Start
    void start(Stage stage) throws IOException {
        model = new WorkbenchModel(runs, DatasetLocator.Options.defaults().withOffline(true));
        model.datasetProperty().set(data);
        FXMLLoader loader = PanelFixture.load("runs", model);
        controller = loader.getController();
        table = (TableView<RunRow>) loader.getNamespace().get("runsTable");
        PanelFixture.show(stage, loader.getRoot(), WorkbenchModel.Theme.LIGHT);
    }

    @AfterEach
    void closeWindow() throws Exception {
        fxRun(model::shutdown);
    }

    private RunRow row(RunDirectory run) throws Exception {
        waitUntil(120, "the table lists " + run.name(),
                () -> table.getItems().stream().anyMatch(r -> r.folder().equals(run.root())));
        return fx(() -> table.getItems().stream().filter(r -> r.folder().equals(run.root())).findFirst().get());
    }

    private void select(RunRow... rows) throws Exception {
        fxRun(() -> {
            table.getSelectionModel().clearSelection();
            for (RunRow row : rows) {
                table.getSelectionModel().select(row);
            }
        });
    }

    private String cell(RunRow row, String column) throws Exception {
        return fx(() -> {
            TableColumn<RunRow, ?> col = table.getColumns().stream()
                    .filter(c -> c.getId().equals(column)).findFirst().orElseThrow();
            return RunTableColumns.format(column, col.getCellData(row));
        });
    }

    private static double metric(RunDirectory run, Metric metric) throws IOException {
        return MetricsLog.read(run.metricsFile()).doubleColumn(metric.column()).getDouble(0);
    }

    @Test
    void listsEveryRunWithItsFinalMetricsSortably() throws Exception {
        RunRow a = row(runA);
        RunRow b = row(runB);
        RunRow s = row(stopped);
        assertEquals(3, fx(() -> table.getItems().size()));
        Table catalog = RunCatalog.toTable(RunCatalog.scan(List.of(runs)));
        assertEquals(catalog.columnNames(), fx(() -> table.getColumns().stream().map(TableColumn::getId).toList()));

        assertEquals(String.format(Locale.ROOT, "%.4f", metric(runA, Metric.PRECISION_AT_1)), cell(a, "precision_at_1"));
        assertEquals(String.format(Locale.ROOT, "%.4f", metric(runB, Metric.MAP_AT_R)), cell(b, "map_at_r"));
        assertEquals("completed", cell(a, "status"));
        assertEquals("stopped", cell(s, "status"));
        assertEquals("", cell(s, "precision_at_1"), "a run without an evaluated epoch shows no P@1");

        // Sorting by P@1, best first: the better of the two completed runs, then the other, then
        // the run without a value.
        fxRun(() -> {
            TableColumn<RunRow, ?> p1 = table.getColumns().stream()
                    .filter(c -> c.getId().equals("precision_at_1")).findFirst().orElseThrow();
            p1.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(p1));
        });
        RunRow best = metric(runA, Metric.PRECISION_AT_1) >= metric(runB, Metric.PRECISION_AT_1) ? a : b;
        RunRow second = best == a ? b : a;
        assertEquals(List.of(best, second, s), fx(() -> List.copyOf(table.getItems())));
    }

    @Test
    void comparingTwoRunsPutsBothCurvesOfEveryMetricOnOneChart(FxRobot robot) throws Exception {
        select(row(runA), row(runB));
        assertFalse(fx(() -> fxValue(() -> robot.lookup("#compareButton").queryAs(Button.class)).isDisabled()));
        robot.clickOn(fxFind(() -> robot.lookup("#compareButton").query()));
        LineChart<Number, Number> chart = fxNode(() -> robot.lookup("#compareChart").query());
        waitUntil(120, "the comparison is charted", () -> chart.getData().size() == 8);
        // A is the upper of the two rows in the table.
        List<String> names = fx(() -> controller.viewModel().comparisonProperty().get().names());
        RunDirectory first = names.get(0).equals(runA.name()) ? runA : runB;
        RunDirectory other = first == runA ? runB : runA;
        assertEquals(other.name(), names.get(1));
        for (Metric metric : Metric.values()) {
            List<XYChart.Series<Number, Number>> series = fx(() -> chart.getData().stream()
                    .filter(s -> s.getName().startsWith(metric.label() + " · ")).toList());
            assertEquals(2, series.size(), metric.label());
            assertEquals(metric.label() + " · A", series.get(0).getName());
            assertEquals(metric(first, metric), series.get(0).getData().get(0).getYValue().doubleValue(), 1e-9);
            assertEquals(metric(other, metric), series.get(1).getData().get(0).getYValue().doubleValue(), 1e-9);
        }
        LineChart<Number, Number> losses = fxNode(() -> robot.lookup("#compareLossChart").query());
        assertEquals(2, fx(() -> losses.getData().size()));
    }

    @Test
    void comparingThreeRunsOverlaysOneCurvePerRunAndTablesTheirFinalMetrics(FxRobot robot) throws Exception {
        select(row(runA), row(runB), row(stopped));
        assertFalse(fx(() -> fxValue(() -> robot.lookup("#compareButton").queryAs(Button.class)).isDisabled()));
        robot.clickOn(fxFind(() -> robot.lookup("#compareButton").query()));
        LineChart<Number, Number> chart = fxNode(() -> robot.lookup("#compareChart").query());
        LineChart<Number, Number> losses = fxNode(() -> robot.lookup("#compareLossChart").query());
        waitUntil(120, "the comparison is charted", () -> chart.getData().size() == 3);
        List<String> names = fx(() -> controller.viewModel().comparisonProperty().get().names());
        assertEquals(3, names.size());
        assertEquals(List.of(runA.name(), runB.name(), stopped.name()).stream().sorted().toList(),
                names.stream().sorted().toList());
        // One series per run, named after it, in the order the runs are listed: one colour each.
        assertEquals(names, fx(() -> chart.getData().stream().map(XYChart.Series::getName).toList()));
        assertEquals(names, fx(() -> losses.getData().stream().map(XYChart.Series::getName).toList()));
        for (int r = 0; r < 3; r++) {
            RunDirectory run = byName(names.get(r));
            int index = r;
            List<XYChart.Data<Number, Number>> points = fx(() -> List.copyOf(chart.getData().get(index).getData()));
            if (run == stopped) {
                assertTrue(points.isEmpty(), "a run without a finished epoch draws nothing");
            } else {
                assertEquals(metric(run, Metric.PRECISION_AT_1), points.get(0).getYValue().doubleValue(), 1e-9);
            }
        }
        TableView<RunComparison.Final> finals = fxNode(() -> robot.lookup("#finalsTable").query());
        assertTrue(fx(finals::isVisible));
        assertEquals(names, fx(() -> finals.getItems().stream().map(RunComparison.Final::name).toList()));
        for (RunComparison.Final row : fx(() -> List.copyOf(finals.getItems()))) {
            RunDirectory run = byName(row.name());
            for (Metric metric : Metric.values()) {
                if (run == stopped) {
                    assertTrue(Double.isNaN(row.value(metric)), row.name() + " " + metric);
                } else {
                    assertEquals(metric(run, metric), row.value(metric), 1e-9, row.name() + " " + metric);
                }
            }
            assertEquals(run == stopped ? 0 : 1, row.epochs());
        }
        assertTrue(fx(() -> fxNode(() -> robot.lookup("#compareMetricChoice").query()).isVisible()));

        // Another metric is charted from the curves already read.
        fxRun(() -> controller.viewModel().chartedMetricProperty().set(Metric.NMI));
        waitUntil(60, "NMI is charted", () -> controller.viewModel().comparisonProperty().get().metric() == Metric.NMI);
        RunDirectory first = byName(names.get(0));
        if (first != stopped) {
            assertEquals(metric(first, Metric.NMI), fx(() -> chart.getData().get(0).getData().get(0)
                    .getYValue().doubleValue()), 1e-9);
        }
        assertTrue(fx(() -> controller.viewModel().comparisonProperty().get().caption()).startsWith("3 runs, NMI"));
    }

    private static RunDirectory byName(String name) {
        return Stream.of(runA, runB, stopped).filter(run -> run.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void openingARunMakesItTheActiveRunAndChartsIt(FxRobot robot) throws Exception {
        select(row(runB));
        robot.clickOn(fxFind(() -> robot.lookup("#openRunButton").query()));
        assertEquals(runB.root(), fx(() -> model.activeRunProperty().get().root()));
        LineChart<Number, Number> chart = fxNode(() -> robot.lookup("#compareChart").query());
        waitUntil(120, "the run's curves are charted", () -> chart.getData().size() == 4);
        assertEquals(metric(runB, Metric.NMI), fx(() -> chart.getData().get(Metric.NMI.ordinal())
                .getData().get(0).getYValue().doubleValue()), 1e-9);
        // The Training panel's view-model follows the active run: it shows the saved curves.
        TrainingViewModel training = TrainingViewModel.of(model);
        waitUntil(120, "the Training panel shows the run", () -> training.curves().rows().size() == 1);
        assertEquals(metric(runB, Metric.PRECISION_AT_1), fx(() -> training.curves().rows().get(0).precisionAt1()), 1e-9);
        assertEquals("Completed 1/1 epochs", fx(() -> training.display().outcomeTextProperty().get()));
        assertEquals(null, fx(() -> training.resumableRunProperty().get()));
    }

    @Test
    void exportsTheTestSplitAsProjectorTsv() throws Exception {
        select(row(runA));
        fx(() -> controller.exportEmbeddingsTo(out));
        Path folder = out.resolve("run-a-projector");
        Path vectors = folder.resolve("tensors.tsv");
        Path metadata = folder.resolve("metadata.tsv");
        waitUntil(60, "the export is written", () -> Files.exists(folder.resolve("classes.txt"))
                && !model.jobs().busyProperty().get());
        // 500 28x28 images: a 23x23 grid of 28-pixel cells.
        java.awt.image.BufferedImage sprite = javax.imageio.ImageIO.read(folder.resolve("sprite.png").toFile());
        assertEquals(23 * 28, sprite.getWidth());
        assertEquals(23 * 28, sprite.getHeight());
        assertTrue(Files.readString(folder.resolve("projector_config.pbtxt")).contains("single_image_dim: 28"));
        assertEquals(128 + 500 * 32 * 4, Files.size(folder.resolve("embeddings.npy")));

        List<String> rows = Files.readAllLines(vectors);
        assertEquals(500, rows.size());
        for (String row : rows) {
            String[] cells = row.split("\t");
            assertEquals(32, cells.length);
            // hybrid1 L2-normalises its embedding: every row is a unit vector.
            double squares = Stream.of(cells).mapToDouble(Double::parseDouble).map(v -> v * v).sum();
            assertEquals(1.0, squares, 1e-4);
        }
        List<String> labels = Files.readAllLines(metadata);
        assertEquals("label\tclass", labels.get(0));
        assertEquals(501, labels.size());
        for (int i = 0; i < 500; i++) {
            int label = data.test().label(i);
            assertEquals(label + "\t" + data.classNames().get(label), labels.get(i + 1));
        }
    }

    @Test
    void exportsARunsMetricsAndTheWholeTableAsCsv() throws Exception {
        RunRow a = row(runA);
        Path metrics = out.resolve("a.csv");
        Path all = out.resolve("runs.csv");
        fxRun(() -> controller.viewModel().exportMetrics(a, metrics));
        waitUntil(120, "metrics are written", () -> Files.exists(metrics));
        assertArrayEquals(Files.readAllBytes(runA.metricsFile()), Files.readAllBytes(metrics));

        fxRun(() -> controller.viewModel().exportTable(all));
        waitUntil(120, "the table is written", () -> Files.exists(all));
        Table written = Table.read().csv(CsvReadOptions.builder(new StringReader(Files.readString(all))).build());
        assertEquals(3, written.rowCount());
        assertEquals(RunCatalog.toTable(List.of()).columnNames(), written.columnNames());
    }

    @Test
    void exportedFilesGetTheModeAnyNewFileOfTheUserGets() throws Exception {
        Path plain = Files.createFile(out.resolve("made-plainly.txt"));
        var normal = Files.getPosixFilePermissions(plain);
        Path metrics = out.resolve("metrics.csv");
        Path all = out.resolve("all-runs.csv");
        RunRow a = row(runA);
        fxRun(() -> controller.viewModel().exportMetrics(a, metrics));
        fxRun(() -> controller.viewModel().exportTable(all));
        waitUntil(120, "both files are written", () -> Files.exists(metrics) && Files.exists(all));
        select(a);
        fx(() -> controller.exportEmbeddingsTo(out));
        Path vectors = out.resolve("run-a-projector/tensors.tsv");
        Path labels = out.resolve("run-a-projector/metadata.tsv");
        Path npy = out.resolve("run-a-projector/embeddings.npy");
        waitUntil(60, "the export files are written", () -> Files.exists(out.resolve("run-a-projector/classes.txt"))
                && !model.jobs().busyProperty().get());
        for (Path file : List.of(metrics, all, vectors, labels, npy)) {
            assertEquals(java.nio.file.attribute.PosixFilePermissions.toString(normal),
                    java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                    file.getFileName().toString());
        }
    }

    @Test
    void aStoppedRunOpenedFromAnotherFolderResumesToCompletion(FxRobot robot) throws Exception {
        Path copy = elsewhere.resolve("stopped-copy");
        copyTree(stopped.root(), copy);
        fxRun(() -> controller.open(copy));
        waitUntil(120, "the opened run is selected", () -> table.getSelectionModel().getSelectedItems().size() == 1
                && table.getSelectionModel().getSelectedItem().folder().equals(copy.toAbsolutePath().normalize()));
        assertEquals(2, fx(() -> controller.viewModel().roots().size()));
        assertEquals(4, fx(() -> table.getItems().size()));

        assertFalse(fx(() -> fxValue(() -> robot.lookup("#resumeRunButton").queryAs(Button.class)).isDisabled()));
        robot.clickOn(fxFind(() -> robot.lookup("#resumeRunButton").query()));
        TrainingViewModel training = TrainingViewModel.of(model);
        waitUntil(60, "training has started", () -> training.runningProperty().get());
        assertTrue(fx(() -> fxValue(() -> robot.lookup("#resumeRunButton").queryAs(Button.class)).isDisabled()),
                "Resume stays available while a run trains");
        waitUntil(120, "training has ended", () -> !training.runningProperty().get());
        TrainingOutcome outcome = fx(() -> training.outcomeProperty().get());
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status(), outcome.message());
        RunDirectory resumed = new RunDirectory(copy);
        assertEquals(RunStatus.State.COMPLETED, resumed.readStatus().state());
        assertEquals(1, MetricsLog.read(resumed.metricsFile()).rowCount());
        waitUntil(120, "the table shows it completed", () -> table.getItems().stream()
                .anyMatch(r -> r.folder().equals(resumed.root()) && r.summary().status().equals("completed")));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
