package org.dmlworkbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.io.OutputFolders;

/**
 * The files of one run:
 * <pre>
 * RUN/config.json        what was asked for and what it resolved to ({@link RunManifest})
 * RUN/status.json        running / completed / stopped / failed ({@link RunStatus})
 * RUN/metrics.csv        one row per epoch ({@link MetricsLog})
 * RUN/eval.json          final evaluation
 * RUN/model.params       trained parameters
 * RUN/backbone.pt        the imported TorchScript backbone the run started from (its trained
 *                        weights are in model.params); only runs with --backbone FILE.pt
 * RUN/checkpoints/last.ckpt   where to resume from (previous.ckpt: the one before, the fallback)
 * RUN/cache/             derived files (gallery index, embeddings) rebuilt when stale
 * RUN/.lock              held by the job training the run ({@link RunLock})
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

    /** The run's copy of an imported TorchScript backbone (the network's structure). */
    public Path backboneFile() {
        return root.resolve("backbone.pt");
    }

    public Path checkpointFile() {
        return root.resolve("checkpoints").resolve("last.ckpt");
    }

    /** The checkpoint before the last one, kept so a damaged last one is not the end of a run. */
    public Path previousCheckpointFile() {
        return root.resolve("checkpoints").resolve("previous.ckpt");
    }

    public Path cacheDir() {
        return root.resolve("cache");
    }

    public boolean exists() {
        return Files.isRegularFile(configFile());
    }

    public boolean hasCheckpoint() {
        return Files.isRegularFile(checkpointFile()) || Files.isRegularFile(previousCheckpointFile());
    }

    /**
     * Makes this folder ready to receive a new run, refusing anything that would overwrite or
     * mix with what is already there: a file, another run (unless that run never trained a
     * step, e.g. it failed while setting up), or a non-empty folder that is not a run. Creates
     * the folder. Call while holding nothing; the caller takes the {@link RunLock} next.
     *
     * @throws IOException with one sentence naming the folder and what to do
     */
    public void claimForNewRun() throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException(root + " is a file, not a folder; give a new or empty folder for"
                    + " the run");
        }
        if (exists()) {
            if (!neverTrained()) {
                throw new IOException(root + " already holds a run (" + describeStatus() + "); use"
                        + " --resume " + root + " to continue it, or choose another run folder");
            }
            removeRunFiles();
            return;
        }
        if (Files.isDirectory(root)) {
            List<String> found = listOthers();
            if (!found.isEmpty()) {
                throw new IOException(root + " is not empty and holds no DML Workbench run ("
                        + String.join(", ", found) + "); choose a new or empty folder, so nothing"
                        + " of yours is overwritten");
            }
        }
        OutputFolders.create(root, "run folder");
    }

    /**
     * True for a run that has not a step to lose: it recorded a status with no finished epoch and
     * has no checkpoint and no model, and nobody is training it (it failed while setting up, or
     * its process died before the first step).
     */
    public boolean neverTrained() throws IOException {
        if (hasCheckpoint() || Files.isRegularFile(modelFile()) || RunLock.isHeld(this)) {
            return false;
        }
        if (!Files.isRegularFile(statusFile())) {
            return false;
        }
        RunStatus status = readStatus();
        return status.completedEpochs() == 0 && status.state() != RunStatus.State.COMPLETED;
    }

    private String describeStatus() {
        try {
            RunStatus status = readStatus();
            return status.state().name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + status.completedEpochs() + "/" + status.epochs() + " epochs";
        } catch (IOException e) {
            return "no readable status.json";
        }
    }

    /** The files a run writes, removed to make room for a new run over one that never trained. */
    private void removeRunFiles() throws IOException {
        for (Path file : List.of(configFile(), statusFile(), metricsFile(), evalFile(), modelFile(),
                backboneFile())) {
            Files.deleteIfExists(file);
        }
        for (Path folder : List.of(root.resolve("checkpoints"), cacheDir(), root.resolve("master"))) {
            OutputFolders.deleteTree(folder);
        }
    }

    /** Up to five names in the folder besides the run lock, for a refusal message. */
    private List<String> listOthers() throws IOException {
        try (java.util.stream.Stream<Path> children = Files.list(root)) {
            List<String> names = children.map(p -> p.getFileName().toString()
                    + (Files.isDirectory(p) ? "/" : ""))
                    .filter(name -> !name.equals(RunLock.FILE_NAME)).sorted().toList();
            return names.size() <= 5 ? names : java.util.stream.Stream.concat(
                    names.stream().limit(5), java.util.stream.Stream.of("...")).toList();
        }
    }

    /**
     * Deletes temporary files that a killed process left half-written ({@code .name.*.tmp} from
     * {@link org.dmlworkbench.io.AtomicFiles}); call while holding the run's lock.
     */
    public void removeStaleTemporaryFiles() throws IOException {
        for (Path folder : List.of(root, root.resolve("checkpoints"), cacheDir())) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (java.util.stream.Stream<Path> children = Files.list(folder)) {
                for (Path file : children.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(file)) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
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
