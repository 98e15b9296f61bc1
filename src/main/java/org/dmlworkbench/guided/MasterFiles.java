package org.dmlworkbench.guided;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a trained master, in RUN/master/:
 * <pre>
 * model.params    the master's parameters (all streams and the global head)
 * targets.npy     Z-hat: each training image through its own class stream and g, (N, dim) float32
 * master.json     its settings, size and per-epoch loss; written last, so its presence means complete
 * </pre>
 */
public record MasterFiles(Path root) {

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
