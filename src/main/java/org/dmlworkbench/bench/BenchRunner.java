package org.dmlworkbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs cases one after the other, each in a fresh scratch folder, printing as it goes. A case
 * that throws is recorded as failed and the others still run; a {@link SkippedException} is
 * recorded as skipped with its reason.
 */
public final class BenchRunner {

    private final PrintStream log;

    public BenchRunner(PrintStream log) {
        this.log = log;
    }

    /**
     * @param context the context every case gets; its scratch folder is replaced per case
     */
    public BenchReport run(List<BenchCase> cases, BenchContext context, Map<String, String> machine) {
        String started = Instant.now().toString();
        machine.forEach((key, value) -> log.println(key + ": " + value));
        log.println();
        List<BenchResult> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (BenchCase benchCase : cases) {
            log.println("== " + benchCase.name());
            long start = System.nanoTime();
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("dmlwb-bench-");
                BenchContext own = new BenchContext(context.quick(), context.device(), log, scratch,
                        context.datasets());
                List<BenchResult> result = benchCase.run(own);
                rows.addAll(result);
                log.print(indent(BenchReport.textTable(result)));
            } catch (SkippedException e) {
                skipped.add(benchCase.name() + ": " + e.getMessage());
                log.println("  skipped: " + e.getMessage());
            } catch (Exception | OutOfMemoryError e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage() + " (" + e.getClass().getSimpleName() + ")";
                failed.add(benchCase.name() + ": " + message);
                log.println("  FAILED: " + message);
                if (System.getenv("DMLWB_DEBUG") != null) {
                    e.printStackTrace(log);
                }
            } finally {
                deleteQuietly(scratch);
            }
            log.printf(Locale.ROOT, "  (%.1f s)%n", (System.nanoTime() - start) / 1e9);
        }
        return new BenchReport(machine, context.quick(), started, BenchTargets.annotate(rows),
                skipped, failed);
    }

    private static String indent(String text) {
        return text.replaceAll("(?m)^", "  ");
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless; the figures matter more.
        }
    }
}
