package org.dmlworkbench.bench.cases;

import java.io.PrintStream;
import java.util.Locale;
import org.dmlworkbench.progress.ProgressListener;

/** Progress of a long benchmark step printed to its log, at most every few seconds per task. */
final class ConsoleProgress {

    private ConsoleProgress() {}

    static ProgressListener every(PrintStream log, double seconds) {
        long interval = (long) (seconds * 1e9);
        long[] last = {0};
        String[] lastTask = {""};
        return (task, done, total, unit) -> {
            long now = System.nanoTime();
            boolean finished = total > 0 && done >= total;
            if (!task.equals(lastTask[0]) || finished || now - last[0] >= interval) {
                last[0] = now;
                lastTask[0] = task;
                log.printf(Locale.ROOT, "    %s: %,d%s %s%n", task, done,
                        total > 0 ? String.format(Locale.ROOT, " of %,d", total) : "", unit);
            }
        };
    }
}
