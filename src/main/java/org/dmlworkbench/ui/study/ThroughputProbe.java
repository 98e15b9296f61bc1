package org.dmlworkbench.ui.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.MetricLearning;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.training.launch.TrainingJobs;

/**
 * Measures how fast a config trains on this machine: a throw-away run in a temporary folder,
 * timed over a few steps after the first ones (which build caches and warm the engine up), then
 * stopped. Slow (builds the model, reads the data): call it off the JavaFX thread, and only while
 * the window's training slot is held, since it trains.
 */
final class ThroughputProbe {

    /** Steps left out of the timing: the first steps run slow. */
    static final int WARM_UP_STEPS = 2;
    static final int TIMED_STEPS = 10;
    static final double MAX_SECONDS = 4;

    private ThroughputProbe() {}

    /**
     * Training images per second of {@code config} on {@code data}. Guided and asymmetric runs are
     * timed as plain metric learning of the same network: their master stage or teacher pass is
     * not part of a step.
     *
     * @throws IOException saying why, when the run failed before a step could be timed
     */
    static double imagesPerSecond(TrainingConfig config, Dataset data, Cancellation cancel) throws IOException {
        TrainingConfig probe = config.toBuilder().epochs(1).build();
        if (!probe.method().equals(MetricLearning.NAME)) {
            probe = probe.toBuilder().method(MetricLearning.NAME, null, Map.of()).loss("ms", Map.of()).chunkSize(0).build();
        }
        Path folder = Files.createTempDirectory("dmlwb-probe");
        try {
            TrainingControl control = new TrainingControl();
            Timer timer = new Timer(probe.batchSize(), control, cancel);
            TrainingOutcome outcome = TrainingJobs.create(new RunDirectory(folder.resolve("probe")), probe, data,
                    timer, control).run();
            cancel.throwIfCancelled();
            double rate = timer.imagesPerSecond();
            if (outcome.status() == TrainingOutcome.Status.FAILED && !Double.isFinite(rate)) {
                // Before a step was timed: the run itself will most likely fail the same way.
                throw new IOException(outcome.message());
            }
            return rate;
        } finally {
            deleteTree(folder);
        }
    }

    /** Times the steps after the warm-up and stops the run once it has enough of them. */
    private static final class Timer implements TrainingObserver {
        private final int batch;
        private final TrainingControl control;
        private final Cancellation cancel;
        private long startNanos;
        private long startStep = -1;
        private double measured = Double.NaN;
        private double lastRate = Double.NaN;

        Timer(int batch, TrainingControl control, Cancellation cancel) {
            this.batch = batch;
            this.control = control;
            this.cancel = cancel;
        }

        @Override
        public void onStep(Step step) {
            lastRate = step.imagesPerSecond();
            if (cancel.isCancelled()) {
                control.stop();
                return;
            }
            long now = System.nanoTime();
            if (startStep < 0) {
                if (step.globalStep() >= WARM_UP_STEPS || step.step() == step.stepsPerEpoch()) {
                    startStep = step.globalStep();
                    startNanos = now;
                }
                return;
            }
            double seconds = (now - startNanos) / 1e9;
            long steps = step.globalStep() - startStep;
            if (steps >= TIMED_STEPS || seconds >= MAX_SECONDS || step.step() == step.stepsPerEpoch()) {
                measured = steps * (double) batch / seconds;
                control.stop();
            }
        }

        /** The timed rate; the trainer's own when the epoch was too short to time. */
        double imagesPerSecond() {
            if (cancel.isCancelled()) {
                throw new CancelledException();
            }
            return Double.isNaN(measured) ? lastRate : measured;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }
}
