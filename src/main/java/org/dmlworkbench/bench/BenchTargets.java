package org.dmlworkbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets of issues 4 and 21 for a 2-core CPU, checked against the rows of a run: each matching
 * row's note says whether its median met the target or by how much it missed, and the ms+ce
 * versus cross-entropy slowdown is added as a row of its own.
 */
public final class BenchTargets {

    /** A bound on the median of the row named {@code benchCase}. */
    public record Target(String benchCase, boolean atLeast, double bound, String unit) {

        /** "met" or "missed by N%" for a median. */
        public String verdict(double median) {
            boolean met = atLeast ? median >= bound : median <= bound;
            String wanted = (atLeast ? ">= " : "<= ") + format(bound) + " " + unit;
            if (met) {
                return "target " + wanted + ": met";
            }
            double missBy = atLeast ? (bound - median) / bound : (median - bound) / bound;
            return String.format(Locale.ROOT, "target %s: MISSED by %.0f%%", wanted, 100 * missBy);
        }
    }

    public static final String SLOWDOWN_CASE = "train hybrid1 28x28x1 ms+ce slowdown vs ce";

    static final List<Target> TARGETS = List.of(
            new Target("train hybrid1 28x28x1 ms+ce", true, 1500, "images/s"),
            new Target(SLOWDOWN_CASE, false, 10, "%"),
            new Target("infer hybrid1 28x28x1", true, 5000, "embeddings/s"),
            new Target("eval 10k time", false, 2, "s"),
            new Target("eval 60k time", false, 20, "s"),
            new Target("eval 60k extra heap", false, 2048, "MiB"),
            new Target("eval 60k extra RSS", false, 2048, "MiB"),
            new Target("query 60k p50", false, 20, "ms"),
            new Target("query 60k p99", false, 60, "ms"),
            new Target("map tsne 10k", false, 30, "s"),
            new Target("map tsne 100k", false, 180, "s"),
            new Target("ann 1m synthetic recall@10", true, 0.98, "share"),
            new Target("ann 1m synthetic query p50", false, 2, "ms"),
            new Target("ann 1m synthetic query p99", false, 10, "ms"),
            new Target("ann 1m synthetic serving peak RSS", false, 2048, "MiB"),
            new Target("ann 100k fashion-mnist recall@10", true, 0.98, "share"),
            new Target("ann 100k fashion-mnist query p50", false, 2, "ms"),
            new Target("ann 100k fashion-mnist query p99", false, 10, "ms"),
            new Target("ann 100k fashion-mnist serving peak RSS", false, 2048, "MiB"),
            new Target("memory train hybrid1 fashion-mnist peak RSS", false, 2048, "MiB"),
            new Target("memory train hybrid1 fashion-mnist RSS growth epoch 1 to 3", false, 64,
                    "MiB"));

    private BenchTargets() {}

    public static Optional<Target> targetFor(String benchCase) {
        return TARGETS.stream().filter(t -> t.benchCase().equals(benchCase)).findFirst();
    }

    /** The rows with the derived slowdown row added and every targeted row's verdict in its note. */
    public static List<BenchResult> annotate(List<BenchResult> rows) {
        List<BenchResult> out = new ArrayList<>(rows);
        slowdown(rows).ifPresent(out::add);
        for (int i = 0; i < out.size(); i++) {
            BenchResult row = out.get(i);
            Optional<Target> target = targetFor(row.benchCase());
            if (target.isPresent()) {
                String verdict = target.get().verdict(row.stats().median());
                out.set(i, row.withNote(row.note().isEmpty() ? verdict : row.note() + "; " + verdict));
            }
        }
        return out;
    }

    /** (ce images/s / ms+ce images/s - 1) in percent, from the medians, when both rows exist. */
    static Optional<BenchResult> slowdown(List<BenchResult> rows) {
        Optional<BenchResult> ms = find(rows, "train hybrid1 28x28x1 ms+ce");
        Optional<BenchResult> ce = find(rows, "train hybrid1 28x28x1 ce");
        if (ms.isEmpty() || ce.isEmpty()) {
            return Optional.empty();
        }
        double percent = 100 * (ce.get().stats().median() / ms.get().stats().median() - 1);
        return Optional.of(new BenchResult(SLOWDOWN_CASE, ms.get().size(), BenchStats.single(percent),
                "%", "time per image with ms+ce over ce alone, minus 1, from the medians"));
    }

    private static Optional<BenchResult> find(List<BenchResult> rows, String name) {
        return rows.stream().filter(r -> r.benchCase().equals(name)).findFirst();
    }

    static String format(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
