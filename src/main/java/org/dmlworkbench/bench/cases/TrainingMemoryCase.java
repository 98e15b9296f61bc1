package org.dmlworkbench.bench.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dmlworkbench.bench.BenchCase;
import org.dmlworkbench.bench.BenchContext;
import org.dmlworkbench.bench.BenchResult;
import org.dmlworkbench.bench.BenchStats;
import org.dmlworkbench.bench.MemoryProbe;
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
 * Resident memory of a real training run ({@link MetricTrainer}: hybrid1, ms+ce, batch 128,
 * evaluation and a checkpoint after every epoch) into a scratch run folder. The RSS is printed
 * after every epoch, so growth from epoch to epoch shows; the peak is the kernel's high-water
 * mark (VmHWM), reset when the case starts where the kernel allows it, else the largest RSS
 * polled during the run. The process RSS includes the JVM and anything earlier cases left, which
 * is why this case runs first.
 */
public final class TrainingMemoryCase implements BenchCase {

    private final String data;
    private final int epochs;

    public TrainingMemoryCase(String data, int epochs) {
        this.data = data;
        this.epochs = epochs;
    }

    @Override
    public String name() {
        return "memory train hybrid1 " + data;
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        if (MemoryProbe.residentBytes().isEmpty()) {
            throw new SkippedException("no /proc/self/status on this system, so RSS cannot be read");
        }
        Dataset dataset;
        try {
            dataset = context.datasets().load(data);
        } catch (DatasetNotFoundException e) {
            throw new SkippedException("data set '" + data + "' is absent (" + e.getMessage()
                    + "); install it (e.g. apt-get install dataset-fashion-mnist) to run this case");
        }
        TrainingConfig config = TrainingConfig.defaults().toBuilder()
                .data(data)
                .model(ModelSpec.preset("hybrid1"))
                .loss("ms+ce", Map.of())
                .epochs(epochs)
                .batchSize(128)
                .device(context.deviceName())
                .evaluation(1, "test")
                .checkpoints(3600, 0)
                .build();
        RunDirectory run = new RunDirectory(context.scratch().resolve("memory-run"));
        boolean hwmReset = MemoryProbe.resetPeak();
        List<Double> perEpoch = new ArrayList<>();
        TrainingObserver observer = new TrainingObserver() {
            @Override
            public void onEpoch(Epoch epoch) {
                double rss = MemoryProbe.mib(MemoryProbe.residentBytes().orElse(0));
                perEpoch.add(rss);
                context.log().printf(Locale.ROOT, "  epoch %d/%d: RSS %.0f MiB, peak %.0f MiB,"
                        + " heap used %.0f MiB, %.1f s%n", epoch.epoch() + 1, epochs, rss,
                        MemoryProbe.mib(MemoryProbe.peakResidentBytes().orElse(0)),
                        MemoryProbe.mib(MemoryProbe.heapUsedBytes()), epoch.seconds());
            }
        };
        TrainingOutcome outcome;
        long polledPeak;
        try (MemoryProbe.PeakSampler sampler = new MemoryProbe.PeakSampler()) {
            long base = MemoryProbe.residentBytes().orElse(0);
            outcome = MetricTrainer.create(run, config, dataset, observer, new TrainingControl()).run();
            sampler.close();
            polledPeak = base + sampler.extraRssBytes();
        }
        if (!outcome.completed()) {
            throw new IllegalStateException("the training run did not complete: " + outcome.message());
        }
        double peak = MemoryProbe.mib(hwmReset ? MemoryProbe.peakResidentBytes().orElse(polledPeak)
                : polledPeak);
        String size = String.format(Locale.ROOT, "%s, %,d train images, %d epochs", data,
                dataset.train().size(), epochs);
        List<BenchResult> rows = new ArrayList<>();
        rows.add(new BenchResult(name() + " peak RSS", size, BenchStats.single(peak), "MiB",
                hwmReset ? "VmHWM, reset at the case's start" : "largest RSS polled every 5 ms"));
        for (int e = 0; e < perEpoch.size(); e++) {
            rows.add(new BenchResult(name() + " RSS after epoch " + (e + 1), size,
                    BenchStats.single(perEpoch.get(e)), "MiB", ""));
        }
        if (perEpoch.size() > 1) {
            rows.add(new BenchResult(name() + " RSS growth epoch 1 to " + perEpoch.size(), size,
                    BenchStats.single(perEpoch.get(perEpoch.size() - 1) - perEpoch.get(0)), "MiB",
                    "RSS after the last epoch minus after the first"));
        }
        return rows;
    }
}
