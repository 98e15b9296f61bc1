package org.dmlworkbench.bench.cases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.SkippedException;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetNotFoundException;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.MetricTrainer;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;

/**
 * The real loop beside the isolated step, in one run: one epoch of {@link MetricTrainer}
 * (hybrid1, ms+ce, batch 128, evaluation after the epoch) on a data set, timed as training alone
 * (start to last step) and with its evaluation, against {@link TrainingSession}'s step on images
 * of the same shape; then the whole {@code train} process (start, load, one epoch, evaluation)
 * against the PyTorch peer's whole process on the same IDX files, when Debian's python3-torch
 * and the peer script ({@code ../shared/peers/pytorch_hybrid1.py}) are there.
 */
public final class RealLoopCase implements BenchCase {

    /** Where the project's side-by-side PyTorch reference lives beside a checkout. */
    static final Path PEER = Path.of("..", "shared", "peers", "pytorch_hybrid1.py");

    /**
     * The collector {@code ./workbench cli} starts command-line runs with (docs/BENCHMARKS.md,
     * "Where the time goes"): the whole process is timed as a user's run is.
     */
    static final String LAUNCHER_GC = "-XX:+UseParallelGC";

    private final String data;
    private final int isolatedSteps;
    private final boolean wholeProcess;

    public RealLoopCase(String data, int isolatedSteps, boolean wholeProcess) {
        this.data = data;
        this.isolatedSteps = isolatedSteps;
        this.wholeProcess = wholeProcess;
    }

    @Override
    public String name() {
        return "loop hybrid1 " + data;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        Dataset dataset;
        try {
            dataset = context.datasets().load(data);
        } catch (DatasetNotFoundException e) {
            throw new SkippedException("data set '" + data + "' is absent; install it (e.g. apt-get"
                    + " install dataset-fashion-mnist) to run this case");
        }
        int channels = dataset.train().channels();
        int side = dataset.train().height();
        // The isolated step is timed just before and just after the loop and the two averaged: on
        // a machine whose speed drifts by 20 % within minutes, one measure on one side of the
        // epoch made the loop look faster than its own step.
        double stepBefore = isolatedStep(context, channels, side);
        TrainingConfig config = TrainingConfig.defaults().toBuilder().data(data)
                .model(ModelSpec.preset("hybrid1")).loss("ms+ce", Map.of()).epochs(1).batchSize(128)
                .device(context.deviceName()).checkpoints(3600, 0).build();
        long[] marks = new long[3];
        TrainingObserver timer = new TrainingObserver() {
            @Override
            public void onStart(Start start) {
                marks[0] = System.nanoTime();
            }

            @Override
            public void onStep(Step s) {
                marks[1] = System.nanoTime();
            }

            @Override
            public void onEpoch(Epoch epoch) {
                marks[2] = System.nanoTime();
            }
        };
        RunDirectory run = new RunDirectory(context.scratch().resolve("loop-" + data));
        TrainingOutcome outcome = MetricTrainer.create(run, config, dataset, timer,
                new TrainingControl()).run();
        if (!outcome.completed()) {
            throw new IllegalStateException("the epoch did not complete: " + outcome.message());
        }
        double stepAfter = isolatedStep(context, channels, side);
        double step = (stepBefore + stepAfter) / 2;
        int trained = (dataset.train().size() / 128) * 128;
        double training = trained / ((marks[1] - marks[0]) / 1e9);
        double withEvaluation = trained / ((marks[2] - marks[0]) / 1e9);
        String size = String.format(Locale.ROOT, "%s, %,d train images, batch 128", data, trained);
        List<BenchResult> rows = new ArrayList<>();
        rows.add(new BenchResult(name() + " isolated step", size, BenchStats.single(step), "images/s",
                String.format(Locale.ROOT, "TrainingSession, same shape; mean of %,.0f before and"
                        + " %,.0f after the loop", stepBefore, stepAfter)));
        rows.add(new BenchResult(name() + " real loop, training", size, BenchStats.single(training),
                "images/s", String.format(Locale.ROOT, "%.0f %% of the isolated step (target >= 95 %%)",
                        100 * training / step)));
        rows.add(new BenchResult(name() + " real loop, epoch with evaluation", size,
                BenchStats.single(withEvaluation), "images/s", String.format(Locale.ROOT,
                        "%.0f %% of the isolated step; evaluation %.1f s", 100 * withEvaluation / step,
                        (marks[2] - marks[1]) / 1e9)));
        if (wholeProcess) {
            rows.addAll(wholeProcesses(context, dataset, size));
        }
        return rows;
    }

    private double isolatedStep(BenchContext context, int channels, int side) {
        try (TrainingSession session = new TrainingSession(ModelSpec.preset("hybrid1"), channels,
                side, "ms+ce", 128, context.device())) {
            session.imagesPerSecond(3);
            return session.imagesPerSecond(isolatedSteps);
        }
    }

    /** The CLI's whole process against the PyTorch peer's, back to back. */
    private List<BenchResult> wholeProcesses(BenchContext context, Dataset dataset, String size)
            throws Exception {
        List<String> ours = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", LAUNCHER_GC, "-cp", System.getProperty("java.class.path"),
                "org.dmlworkbench.cli.Main", "train", "--data", data, "--model", "hybrid1", "--loss",
                "ms+ce", "--epochs", "1", "--batch", "128", "--device", context.deviceName(),
                "--out", context.scratch().resolve("whole-" + data).toString());
        double workbench = seconds(ours, context.scratch().resolve("whole-" + data + ".log"));
        List<BenchResult> rows = new ArrayList<>();
        rows.add(new BenchResult(name() + " whole process, workbench", size,
                BenchStats.single(workbench), "s", "train --epochs 1 (" + LAUNCHER_GC
                        + "): start, load, epoch, evaluation"));
        String skip = peerMissing(dataset);
        if (skip != null) {
            rows.add(new BenchResult(name() + " whole process, PyTorch peer", size,
                    BenchStats.single(Double.NaN), "s", "skipped: " + skip));
            return rows;
        }
        List<String> peer = List.of("/usr/bin/python3", PEER.toString(), "--data", dataset.location(),
                "--epochs", "1");
        Path peerLog = context.scratch().resolve("peer.log");
        double pytorch = seconds(peer, peerLog);
        rows.add(new BenchResult(name() + " whole process, PyTorch peer", size,
                BenchStats.single(pytorch), "s", "pytorch_hybrid1.py --epochs 1 (Debian python3-torch)"));
        // The peer's own figure for its training steps: the step against the step.
        double peerTraining = peerTrainingSpeed(peerLog);
        rows.add(new BenchResult(name() + " PyTorch peer, training", size,
                BenchStats.single(peerTraining), "images/s", "the peer's train_img_per_s line"));
        rows.add(new BenchResult(name() + " whole process, speed-up over PyTorch", size,
                BenchStats.single(pytorch / workbench), "x", "target >= 1.3x"));
        return rows;
    }

    /** The peer's "train_img_per_s N" figure, or NaN when its log has none. */
    static double peerTrainingSpeed(Path log) throws java.io.IOException {
        for (String line : Files.readAllLines(log)) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("train_img_per_s")) {
                return Double.parseDouble(words[1]);
            }
        }
        return Double.NaN;
    }

    /** Why the peer cannot run here, or null when it can. */
    private static String peerMissing(Dataset dataset) throws Exception {
        if (!Files.isRegularFile(PEER)) {
            return PEER + " is not beside this checkout";
        }
        if (!dataset.format().equals("idx")) {
            return "the peer reads IDX files only";
        }
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import torch, numpy")
                .redirectErrorStream(true).start();
        if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            return "python3-torch is not installed (apt-get install python3-torch python3-numpy)";
        }
        return null;
    }

    private static double seconds(List<String> command, Path log) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed; see " + log);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
