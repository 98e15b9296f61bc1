package org.dmlworkbench.ui.runview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.model.ModelSpec;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.MetricTrainer;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;

/**
 * One run trained for one epoch on the bundled sample (batch 64, embedding 32), shared by the
 * map and query tests of a test JVM so that it is trained once.
 */
public final class TrainedSampleRun {

    private static Dataset sample;
    private static RunDirectory run;

    private TrainedSampleRun() {}

    public static synchronized Dataset sample() {
        if (sample == null) {
            sample = new DatasetLocator(DatasetLocator.Options.defaults().withOffline(true)).load("sample");
        }
        return sample;
    }

    public static TrainingConfig config() {
        return TrainingConfig.defaults().toBuilder()
                .model(ModelSpec.preset("hybrid1").withEmbeddingDim(32))
                .batchSize(64)
                .epochs(1)
                .seed(7)
                .device("cpu")
                .build();
    }

    /** The trained run (trained on first call, in a temporary folder removed at exit). */
    public static synchronized RunDirectory run() {
        if (run == null) {
            try {
                Path root = Files.createTempDirectory("dmlwb-ui-run");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
                RunDirectory trained = new RunDirectory(root.resolve("sample-1epoch"));
                MetricTrainer.create(trained, config(), sample(), TrainingObserver.NONE,
                        new TrainingControl()).run();
                run = trained;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return run;
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }
}
