package org.dmlworkbench.guided;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.run.RunDirectory;

/**
 * The files of a trained master, in RUN/master/:
 * <pre>
 * model.params    the master's parameters (all streams and the global head)
 * targets.npy     Z-hat: each training image through its own class stream and g, (N, dim) float32
 * master.json     its settings, size and per-epoch loss; written last, so its presence means complete
 * </pre>
 */
public record MasterFiles(Path root) {

    /** Where a guided run keeps its master unless its config names a folder. */
    static Path defaultFolder(RunDirectory run) {
        return run.root().resolve("master");
    }

    /**
     * A run's master: the folder its config names ({@code guided.master-dir}), else RUN/master;
     * empty for a run of another method.
     */
    public static Optional<MasterFiles> ofRun(RunDirectory run, TrainingConfig config) {
        if (!config.method().equals(GuidedDml.NAME)) {
            return Optional.empty();
        }
        Path named;
        try {
            named = GuidedSettings.from(config.methodParams()).masterDir();
        } catch (IllegalArgumentException unreadable) {
            named = null;
        }
        return Optional.of(new MasterFiles(named != null ? named : defaultFolder(run)));
    }

    public Path parameters() {
        return root.resolve("model.params");
    }

    public Path targets() {
        return root.resolve("targets.npy");
    }

    public Path summary() {
        return root.resolve("master.json");
    }

    public boolean complete() {
        return Files.isRegularFile(summary()) && Files.isRegularFile(targets())
                && Files.isRegularFile(parameters());
    }
}
