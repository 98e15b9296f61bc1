package org.dmlworkbench.bench.cases;

/** Short counts for case names: 500, 2k, 60k. */
final class SizeLabel {

    private SizeLabel() {}

    static String of(int count) {
        return count >= 1000 && count % 1000 == 0 ? count / 1000 + "k" : String.valueOf(count);
    }
}
