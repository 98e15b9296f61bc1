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
import org.dmlworkbench.training.TrainingConfig;
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
        double step;
        try (TrainingSession session = new TrainingSession(ModelSpec.preset("hybrid1"), channels,
                side, "ms+ce", 128, context.device())) {
            session.imagesPerSecond(3);
            step = session.imagesPerSecond(isolatedSteps);
        }
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
        int trained = (dataset.train().size() / 128) * 128;
        double training = trained / ((marks[1] - marks[0]) / 1e9);
        double withEvaluation = trained / ((marks[2] - marks[0]) / 1e9);
        String size = String.format(Locale.ROOT, "%s, %,d train images, batch 128", data, trained);
        List<BenchResult> rows = new ArrayList<>();
        rows.add(new BenchResult(name() + " isolated step", size, BenchStats.single(step), "images/s",
                "TrainingSession, same shape, same run"));
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

    /** The CLI's whole process against the PyTorch peer's, back to back. */
    private List<BenchResult> wholeProcesses(BenchContext context, Dataset dataset, String size)
            throws Exception {
        List<String> ours = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "org.dmlworkbench.cli.Main", "train", "--data", data, "--model", "hybrid1", "--loss",
                "ms+ce", "--epochs", "1", "--batch", "128", "--device", context.deviceName(),
                "--out", context.scratch().resolve("whole-" + data).toString());
        double workbench = seconds(ours, context.scratch().resolve("whole-" + data + ".log"));
        List<BenchResult> rows = new ArrayList<>();
        rows.add(new BenchResult(name() + " whole process, workbench", size,
                BenchStats.single(workbench), "s", "train --epochs 1: start, load, epoch, evaluation"));
        String skip = peerMissing(dataset);
        if (skip != null) {
            rows.add(new BenchResult(name() + " whole process, PyTorch peer", size,
                    BenchStats.single(Double.NaN), "s", "skipped: " + skip));
            return rows;
        }
        List<String> peer = List.of("/usr/bin/python3", PEER.toString(), "--data", dataset.location(),
                "--epochs", "1");
        double pytorch = seconds(peer, context.scratch().resolve("peer.log"));
        rows.add(new BenchResult(name() + " whole process, PyTorch peer", size,
                BenchStats.single(pytorch), "s", "pytorch_hybrid1.py --epochs 1 (Debian python3-torch)"));
        rows.add(new BenchResult(name() + " whole process, speed-up over PyTorch", size,
                BenchStats.single(pytorch / workbench), "x", "target >= 1.3x"));
        return rows;
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
