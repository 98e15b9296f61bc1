package org.dmlworkbench.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.dmlworkbench.progress.ProgressListener;

/**
 * A one-line text progress bar with counts, rate and ETA. On a terminal it redraws in place; when
 * the output is a file or pipe it prints a line at most every few seconds, so logs stay short.
 */
final class ConsoleProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private static final long PIPE_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private long startNanos = System.nanoTime();
    private long lastPrintNanos;
    private String currentTask = "";
    private int lastLength;

    ConsoleProgressBar(PrintStream out) {
        this(out, System.console() != null);
    }

    ConsoleProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void update(String task, long done, long total, String unit) {
        long now = System.nanoTime();
        if (!task.equals(currentTask)) {
            startNanos = now;
        }
        show(task, format(task, done, total, unit, (now - startNanos) / 1e9), total > 0 && done >= total);
    }

    /** Draws a prepared line for {@code task}; a finished task ends its line. */
    synchronized void show(String task, String line, boolean finished) {
        long now = System.nanoTime();
        if (!task.equals(currentTask)) {
            finishLine();
            currentTask = task;
            startNanos = now;
            lastPrintNanos = 0;
        }
        if (!interactive && !finished && now - lastPrintNanos < PIPE_INTERVAL_NANOS) {
            return;
        }
        lastPrintNanos = now;
        if (interactive) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            if (finished) {
                out.println();
                lastLength = 0;
                currentTask = "";
            }
        } else {
            out.println(line);
            if (finished) {
                currentTask = "";
            }
        }
        out.flush();
    }

    /** Ends a bar that was drawn in place, so the next message starts on its own line. */
    synchronized void finishLine() {
        if (interactive && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
    }

    static String format(String task, long done, long total, String unit, double elapsedSeconds) {
        StringBuilder line = new StringBuilder(task).append(' ').append(bar(done, total))
                .append(' ').append(unit);
        if (elapsedSeconds > 0 && done > 0) {
            double rate = done / elapsedSeconds;
            line.append(String.format(" %.0f %s/s", rate, unit));
            if (total > 0 && done < total) {
                line.append(" ETA ").append(clock((total - done) / rate));
            }
        }
        return line.toString();
    }

    /** "[#####.....] 12/40", or just the count when the total is unknown. */
    static String bar(long done, long total) {
        if (total <= 0) {
            return Long.toString(done);
        }
        int filled = (int) Math.min(WIDTH, WIDTH * done / total);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total;
    }

    static String clock(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0
                ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                : String.format("%d:%02d", d.toMinutesPart(), d.toSecondsPart());
    }
}
