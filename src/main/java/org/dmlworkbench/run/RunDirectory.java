package org.dmlworkbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.dmlworkbench.io.Json;

/**
 * The files of one run:
 * <pre>
 * RUN/config.json        what was asked for and what it resolved to ({@link RunManifest})
 * RUN/status.json        running / completed / stopped / failed ({@link RunStatus})
 * RUN/metrics.csv        one row per epoch ({@link MetricsLog})
 * RUN/eval.json          final evaluation
 * RUN/model.params       trained parameters
 * RUN/checkpoints/last.ckpt   where to resume from
 * RUN/cache/             derived files (gallery index, embeddings) rebuilt when stale
 * </pre>
 */
public final class RunDirectory {

    private final Path root;

    public RunDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public String name() {
        return root.getFileName().toString();
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path statusFile() {
        return root.resolve("status.json");
    }

    public Path metricsFile() {
        return root.resolve("metrics.csv");
    }

    public Path evalFile() {
        return root.resolve("eval.json");
    }

    public Path modelFile() {
        return root.resolve("model.params");
    }

    public Path checkpointFile() {
        return root.resolve("checkpoints").resolve("last.ckpt");
    }

    public Path cacheDir() {
        return root.resolve("cache");
    }

    public boolean exists() {
        return Files.isRegularFile(configFile());
    }

    public boolean hasCheckpoint() {
        return Files.isRegularFile(checkpointFile());
    }

    public RunManifest readManifest() throws IOException {
        if (!exists()) {
            throw new IOException(root + " is not a run folder: it has no config.json");
        }
        return Json.read(configFile(), RunManifest.class);
    }

    public void writeManifest(RunManifest manifest) throws IOException {
        Json.write(configFile(), manifest);
    }

    public RunStatus readStatus() throws IOException {
        return Json.read(statusFile(), RunStatus.class);
    }

    public void writeStatus(RunStatus.State state, String message, int completedEpochs, int epochs)
            throws IOException {
        Json.write(statusFile(), new RunStatus(state, message, completedEpochs, epochs,
                Instant.now().toString()));
    }

    public void writeEval(Map<String, Object> evaluation) throws IOException {
        Json.write(evalFile(), evaluation);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> readEval() throws IOException {
        return Json.read(evalFile(), Map.class);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
