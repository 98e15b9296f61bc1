package org.dmlworkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.bench.cases.EvaluationCase;
import org.dmlworkbench.bench.cases.QueryLatencyCase;
import org.dmlworkbench.bench.cases.TrainingThroughputCase;
import org.dmlworkbench.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny real cases end to end: train steps, evaluation, a file query; then the report files. */
class BenchRunnerTest {

    /** A case body, for cases made up by the test. */
    private interface Body {
        List<BenchResult> run(BenchContext context) throws Exception;
    }

    private static BenchCase named(String name, Body body) {
        return new BenchCase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<BenchResult> run(BenchContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    @Test
    void runsTinyCasesAndKeepsGoingPastFailures(@TempDir Path dir) throws Exception {
        ModelSpec tiny = ModelSpec.preset("hybrid1").withLayout(1, List.of(4, 8)).withEmbeddingDim(16);
        List<BenchCase> cases = List.of(
                new TrainingThroughputCase("tiny", tiny, 1, 12, "ms+ce", 8, 2, 1, 2),
                named("skips", context -> {
                    throw new SkippedException("no data here");
                }),
                named("breaks", context -> {
                    throw new IllegalStateException("boom");
                }),
                new EvaluationCase(300, 0, 1),
                new QueryLatencyCase(2_000, 1, 5));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);
        BenchContext context = new BenchContext(true, Device.cpu(), log, null, name -> {
            throw new AssertionError("no case here loads data");
        });
        BenchReport report = new BenchRunner(log).run(cases, context, Map.of("cpu", "test"));

        assertEquals(List.of("skips: no data here"), report.skipped());
        assertEquals(1, report.failed().size());
        assertTrue(report.failed().get(0).startsWith("breaks: boom"), report.failed().get(0));

        List<BenchResult> rows = report.results();
        List<String> names = rows.stream().map(BenchResult::benchCase).toList();
        assertEquals(List.of("train tiny 12x12x1 ms+ce", "eval 300 time", "eval 300 extra heap",
                "eval 300 extra RSS", "query 2k p50", "query 2k p99"), names);
        BenchResult train = rows.get(0);
        assertEquals(2, train.stats().samples());
        assertTrue(train.stats().min() > 0 && train.stats().min() <= train.stats().max());
        assertEquals("images/s", train.unit());
        BenchResult query = rows.get(4);
        assertEquals(5, query.stats().samples());
        assertTrue(query.stats().median() > 0);
        assertEquals(query.stats().p99(), rows.get(5).stats().median(), 1e-12);
        assertTrue(rows.get(1).stats().median() > 0);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("== train tiny 12x12x1 ms+ce"), text);
        assertTrue(text.contains("skipped: no data here"), text);
        assertTrue(text.contains("FAILED: boom"), text);

        List<Path> files = report.write(dir, "run");
        assertEquals(rows, BenchReport.readCsv(files.get(0)));
    }

    @Test
    void selectMatchesNamePrefixesAndNamesTheCasesOnAMiss() {
        List<BenchCase> quick = BenchSuite.cases(true);
        List<BenchCase> eval = BenchSuite.select(quick, List.of("EVAL"));
        assertEquals(List.of("eval 10k"), eval.stream().map(BenchCase::name).toList());
        List<BenchCase> two = BenchSuite.select(quick, List.of("map pca", "eval"));
        // Suite order is kept, whatever the order of the prefixes.
        assertEquals(List.of("eval 10k", "map pca 2k", "map pca 10k"),
                two.stream().map(BenchCase::name).toList());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> BenchSuite.select(quick, List.of("nosuch")));
        assertTrue(e.getMessage().contains("'nosuch' matches no case") && e.getMessage().contains("eval 10k"),
                e.getMessage());
        assertEquals(quick, BenchSuite.select(quick, List.of()));
    }
}
