package org.dmlworkbench.bench;

/**
 * One row of the results table.
 *
 * @param benchCase the case's name, e.g. "train hybrid1 28x28x1 ms+ce"
 * @param size what was measured on, in words ("batch 128", "60,000 x 128-d")
 * @param unit of every figure in {@code stats}, e.g. "images/s", "ms", "s", "MB"
 * @param note target met or missed, or how the figure was obtained; may be empty
 */
public record BenchResult(String benchCase, String size, BenchStats stats, String unit, String note) {

    public BenchResult {
        if (benchCase == null || benchCase.isBlank()) {
            throw new IllegalArgumentException("a result needs a case name");
        }
        size = size == null ? "" : size;
        unit = unit == null ? "" : unit;
        note = note == null ? "" : note;
    }

    public BenchResult withNote(String newNote) {
        return new BenchResult(benchCase, size, stats, unit, newNote);
    }
}
