package org.dmlworkbench.bench.cases;

/** Short counts for case names: 500, 2k, 60k, 1m. */
final class SizeLabel {

    private SizeLabel() {}

    static String of(int count) {
        if (count >= 1_000_000 && count % 1_000_000 == 0) {
            return count / 1_000_000 + "m";
        }
        return count >= 1000 && count % 1000 == 0 ? count / 1000 + "k" : String.valueOf(count);
    }
}
