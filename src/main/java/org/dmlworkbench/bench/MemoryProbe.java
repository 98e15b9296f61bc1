package org.dmlworkbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Memory of this process: resident set size from /proc/self/status (Linux; empty elsewhere) and
 * the Java heap in use. {@link PeakSampler} polls both on a background thread, so the peak of a
 * piece of work can be measured without holding the process-wide high-water mark.
 */
public final class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final double MIB = 1024.0 * 1024.0;

    private MemoryProbe() {}

    /** Current resident set size in bytes (VmRSS). */
    public static OptionalLong residentBytes() {
        return statusField("VmRSS:");
    }

    /** Peak resident set size in bytes since start or the last {@link #resetPeak} (VmHWM). */
    public static OptionalLong peakResidentBytes() {
        return statusField("VmHWM:");
    }

    /**
     * Resets VmHWM to the current RSS (writing 5 to /proc/self/clear_refs, Linux 4.0+).
     *
     * @return whether the kernel accepted it
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Bytes of Java heap in use, garbage not yet collected included. */
    public static long heapUsedBytes() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    public static double mib(long bytes) {
        return bytes / MIB;
    }

    /** Parses a "Name:   1234 kB" line of a /proc status text; package-private for tests. */
    static OptionalLong parseKilobytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                String[] parts = line.substring(field.length()).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong statusField(String field) {
        try {
            return parseKilobytes(Files.readString(STATUS), field);
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Polls heap use and RSS every few milliseconds until closed. A garbage collection runs first,
     * so the heap baseline is live data only; the peak heap may still include garbage that was
     * not yet collected, so it is an upper bound.
     */
    public static final class PeakSampler implements AutoCloseable {

        private final long baseHeap;
        private final long baseRss;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peakHeap;
        private volatile long peakRss;

        public PeakSampler() {
            System.gc();
            baseHeap = heapUsedBytes();
            baseRss = residentBytes().orElse(0);
            peakHeap = baseHeap;
            peakRss = baseRss;
            thread = new Thread(this::poll, "bench-memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void poll() {
            while (running) {
                sample();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            peakHeap = Math.max(peakHeap, heapUsedBytes());
            peakRss = Math.max(peakRss, residentBytes().orElse(0));
        }

        /** Peak heap above the baseline, in bytes. */
        public long extraHeapBytes() {
            return Math.max(0, peakHeap - baseHeap);
        }

        /** Peak RSS above the baseline, in bytes (0 where /proc is absent). */
        public long extraRssBytes() {
            return Math.max(0, peakRss - baseRss);
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample();
        }
    }
}
