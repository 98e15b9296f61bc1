package org.dmlworkbench.bench.cases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.SkippedException;

/**
 * One epoch of real training on a generated folder of JPEG photographs far larger than the
 * decode cache ({@code train --augment standard}), in a process of its own with a 1 GB heap, so
 * its peak resident memory (VmHWM, polled) is that of the training alone: what a user's
 * collection of tens of thousands of photos costs. Reports images/s of the whole epoch
 * (evaluation included) and the peak RSS.
 */
public final class StreamingEpochCase implements BenchCase {

    private static final Pattern HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    private final int images;
    private final int side;

    public StreamingEpochCase(int images, int side) {
        this.images = images;
        this.side = side;
    }

    @Override
    public String name() {
        return "streamed epoch jpeg 500x375";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        if (!Files.isReadable(Path.of("/proc/self/status"))) {
            throw new SkippedException("no /proc/self/status on this system, so RSS cannot be read");
        }
        Path folder = context.scratch().resolve("photos-" + images);
        long generation = System.nanoTime();
        SyntheticPhotos.write(folder, images, 100, 500, 375, 2);
        context.log().printf(Locale.ROOT, "  wrote %,d JPEGs in %.0f s%n", images,
                (System.nanoTime() - generation) / 1e9);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Ddmlwb.decodeCacheMb=256", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "org.dmlworkbench.cli.Main", "train",
                "--data", folder.toString(), "--image-size", Integer.toString(side),
                "--augment", "standard", "--epochs", "1", "--batch", "128", "--model", "hybrid1",
                "--device", context.deviceName(), "--out", context.scratch().resolve("streamed-run").toString()));
        Path log = context.scratch().resolve("streamed-epoch.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long peakKb = 0;
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            try {
                Matcher m = HWM.matcher(Files.readString(status));
                if (m.find()) {
                    peakKb = Math.max(peakKb, Long.parseLong(m.group(1)));
                }
            } catch (java.io.IOException e) {
                // the process ended between the wait and the read
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the training process failed: " + tail(log));
        }
        int trainImages = images - images / 5;
        String size = String.format(Locale.ROOT, "%,d JPEGs 500x375 (%,d train), %dx%d, hybrid1,"
                + " batch 128, -Xmx1g", images, trainImages, side, side);
        double peakMb = peakKb / 1024.0;
        return List.of(
                new BenchResult(name() + " throughput", size,
                        BenchStats.single(trainImages / seconds), "images/s",
                        "whole process: start, listing, one epoch with augmentation, evaluation"),
                new BenchResult(name() + " peak RSS", size, BenchStats.single(peakMb), "MiB",
                        (peakMb < 2048 ? "under" : "OVER") + " the 2 GiB target; VmHWM of the"
                                + " training process, polled every 200 ms"));
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
