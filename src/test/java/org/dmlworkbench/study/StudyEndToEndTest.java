package org.dmlworkbench.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.TrainingObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * A 2 x 2 x 2 study (activation x embedding size x seed), one epoch each on the bundled sample
 * with a very small network: stopped in the middle of its fifth run, resumed, then aggregated,
 * reported and exported.
 */
class StudyEndToEndTest {

    private static final String STUDY = """
            {"name": "tiny", "title": "Tiny study",
             "base": {"data": "sample", "epochs": 1, "batch": 100, "conv-widths": [4, 8],
                      "checkpoint-seconds": 600},
             "factors": [
               {"name": "activation", "values": ["gelu", "relu"]},
               {"name": "embedding-dim", "values": [8, 16]},
               {"name": "seed", "values": [1, 2]}],
             "metrics": ["precision_at_1", "map_at_r"]}
            """;

    /** Student's t, 0.975 quantile, 1 degree of freedom (printed tables: 12.706). */
    private static final double T_1 = 12.706204736;

    @TempDir
    Path dir;

    @Test
    void runsStopsResumesAndAggregates() throws Exception {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, STUDY);
        Path out = dir.resolve("out");
        DatasetLocator.Options data = DatasetLocator.Options.defaults().withOffline(true);
        StudyPlan plan = StudyPlan.expand(StudySpec.read(file), Map.of());
        assertEquals(8, plan.runs().size());

        // First session: stop a few steps into the fifth run, as Ctrl-C would.
        StudyRunner first = new StudyRunner(plan, out, data);
        List<String> startedFirst = new ArrayList<>();
        StudyRunner.Outcome stopped = first.run(file, new StudyRunner.Listener() {
            @Override
            public void onRunStart(StudyPlan.PlannedRun run, int index, int total, boolean resuming) {
                startedFirst.add(run.id());
            }

            @Override
            public TrainingObserver observer(StudyPlan.PlannedRun run) {
                if (!run.id().equals(plan.runs().get(4).id())) {
                    return TrainingObserver.NONE;
                }
                return new TrainingObserver() {
                    @Override
                    public void onStep(Step step) {
                        if (step.step() == 3) {
                            first.stop();
                        }
                    }
                };
            }
        });
        assertTrue(stopped.stopped());
        assertEquals(4, stopped.completed());
        assertEquals(5, startedFirst.size());
        StudyState state = StudyState.read(out.resolve(StudyFolder.STATE_FILE));
        for (int i = 0; i < 4; i++) {
            assertEquals(StudyState.Status.COMPLETED, state.runs.get(i).status);
        }
        assertEquals(StudyState.Status.STOPPED, state.runs.get(4).status);
        assertEquals(StudyState.Status.PENDING, state.runs.get(5).status);
        StudyFolder folder = new StudyFolder(out);
        assertTrue(folder.run(plan.runs().get(4)).hasCheckpoint());
        assertFalse(folder.run(plan.runs().get(5)).exists());

        // Second session (a restart): finished runs are skipped, the fifth continues at step 3.
        StudyRunner second = new StudyRunner(StudyPlan.expand(StudySpec.read(file), Map.of()), out, data);
        List<String> startedSecond = new ArrayList<>();
        List<TrainingObserver.Start> starts = new ArrayList<>();
        StudyRunner.Outcome done = second.run(file, new StudyRunner.Listener() {
            @Override
            public void onRunStart(StudyPlan.PlannedRun run, int index, int total, boolean resuming) {
                startedSecond.add(run.id() + (resuming ? " resuming" : ""));
            }

            @Override
            public TrainingObserver observer(StudyPlan.PlannedRun run) {
                return new TrainingObserver() {
                    @Override
                    public void onStart(Start start) {
                        starts.add(start);
                    }
                };
            }
        });
        assertTrue(done.allCompleted(), done.toString());
        assertEquals(8, done.completed());
        assertEquals(List.of(plan.runs().get(4).id() + " resuming", plan.runs().get(5).id(),
                plan.runs().get(6).id(), plan.runs().get(7).id()), startedSecond);
        assertTrue(starts.get(0).resumed());
        assertEquals(3, starts.get(0).startStep());

        // The aggregate, checked against the runs' own eval.json.
        StudyAggregate aggregate = StudyAggregate.compute(plan, folder);
        Table table = aggregate.table();
        assertEquals(4 * 2, table.rowCount());
        assertEquals(4, table.stringColumn("group").unique().size());
        for (int row = 0; row < table.rowCount(); row++) {
            String group = table.stringColumn("group").get(row);
            String metric = table.stringColumn("metric").get(row);
            double a = evalValue(out, group + ",seed=1", metric);
            double b = evalValue(out, group + ",seed=2", metric);
            double mean = (a + b) / 2;
            double sd = Math.sqrt(((a - mean) * (a - mean) + (b - mean) * (b - mean)) / (2 - 1));
            double half = T_1 * sd / Math.sqrt(2);
            assertEquals(2, table.intColumn("n").get(row));
            assertEquals(mean, table.doubleColumn("mean").get(row), 1e-12);
            assertEquals(sd, table.doubleColumn("sd").get(row), 1e-12);
            assertEquals(mean - half, table.doubleColumn("ci95_low").get(row), 1e-8);
            assertEquals(mean + half, table.doubleColumn("ci95_high").get(row), 1e-8);
        }
        assertEquals("gelu", table.stringColumn("activation").get(0));
        assertEquals("8", table.stringColumn("embedding-dim").get(0));

        // Report and export.
        StudyReport.write(folder);
        String report = Files.readString(folder.reportFile());
        assertTrue(report.contains("| activation=relu,embedding-dim=16 | 2 |"), report);
        assertEquals(1 + 8, Files.readAllLines(folder.summaryFile()).size());
        for (String plot : List.of("metric-precision_at_1.png", "curves-map_at_r.png", "curves-train_loss.png")) {
            assertNotNull(ImageIO.read(folder.plotsDir().resolve(plot).toFile()), plot);
        }
        Path export = dir.resolve("export");
        StudyExport.export(folder, export);
        assertTrue(Files.readString(export.resolve("README.md"))
                .contains("java -jar dml-workbench.jar study run study.json --out rerun"));
        assertTrue(Files.isRegularFile(export.resolve("study.json")));
        for (StudyPlan.PlannedRun run : plan.runs()) {
            RunDirectory copy = new StudyFolder(export).run(run);
            assertTrue(Files.isRegularFile(copy.configFile()) && Files.isRegularFile(copy.evalFile())
                    && Files.isRegularFile(copy.metricsFile()), run.id());
            assertFalse(copy.hasCheckpoint());
        }
        assertEquals(aggregate.table().print(), StudyAggregate.compute(
                new StudyFolder(export).readPlan(), new StudyFolder(export)).table().print());
    }

    private static double evalValue(Path out, String runId, String metric) throws Exception {
        JsonObject eval = JsonParser.parseString(Files.readString(
                out.resolve("runs").resolve(runId).resolve("eval.json"))).getAsJsonObject();
        return eval.get(metric).getAsDouble();
    }
}
