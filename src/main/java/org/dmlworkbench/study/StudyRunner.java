package org.dmlworkbench.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.io.AtomicFiles;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunStatus;
import org.dmlworkbench.training.TrainingJob;
import org.dmlworkbench.training.launch.TrainArguments;
import org.dmlworkbench.training.launch.TrainingJobs;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingObserver;
import org.dmlworkbench.training.TrainingOutcome;

/**
 * Executes a study's runs one at a time, each an ordinary run folder trained exactly as
 * {@code train} would train it. Restartable: a completed or failed run is skipped, an
 * interrupted one continues from its checkpoint, the rest start.
 */
public final class StudyRunner {

    /** Events of a study, on the thread that called {@link #run}. */
    public interface Listener {
        /** A run is about to train; {@code resuming} when its folder already holds part of it. */
        default void onRunStart(StudyPlan.PlannedRun run, int index, int total, boolean resuming) {}

        /** The observer that receives this run's training events. */
        default TrainingObserver observer(StudyPlan.PlannedRun run) {
            return TrainingObserver.NONE;
        }

        /** A run ended (or was found ended) with this entry. */
        default void onRunEnd(StudyPlan.PlannedRun run, int index, int total, StudyState.Entry entry) {}
    }

    /** The study's end: counts of runs by what became of them. */
    public record Outcome(int completed, int failed, int pending, boolean stopped) {
        public boolean allCompleted() {
            return failed == 0 && pending == 0 && !stopped;
        }
    }

    private final StudyPlan plan;
    private final StudyFolder folder;
    private final DatasetLocator.Options dataOptions;
    private final Function<List<String>, TrainingConfig> trainParser;
    private final TrainingControl control = new TrainingControl();
    private final Map<String, Dataset> datasets = new HashMap<>();

    public StudyRunner(StudyPlan plan, Path outDir, DatasetLocator.Options dataOptions) {
        this(plan, outDir, dataOptions, TrainArguments::configFrom);
    }

    /** With another parser of {@code train} arguments (the GUI's or a test's). */
    public StudyRunner(StudyPlan plan, Path outDir, DatasetLocator.Options dataOptions,
            Function<List<String>, TrainingConfig> trainParser) {
        this.plan = plan;
        this.folder = new StudyFolder(outDir);
        this.dataOptions = dataOptions;
        this.trainParser = trainParser;
    }

    public StudyFolder folder() {
        return folder;
    }

    /** Each run's config, in run order, parsed as {@link #run} trains them (for a plan shown first). */
    public List<TrainingConfig> configs() {
        return plan.configs(trainParser);
    }

    /** Pause, resume and stop the run in progress; a stop also ends the study after it. */
    public TrainingControl control() {
        return control;
    }

    /** Stops after the current step: the run keeps a checkpoint and the study can be resumed. */
    public void stop() {
        control.stop();
    }

    /**
     * Runs every run not yet finished.
     *
     * @param studySource the study file, copied into the folder on the first run
     */
    public Outcome run(Path studySource, Listener listener) throws IOException {
        List<TrainingConfig> configs = plan.configs(trainParser);
        StudyState state = prepareFolder(studySource);
        int total = plan.runs().size();
        for (int i = 0; i < total && !control.isStopRequested(); i++) {
            StudyPlan.PlannedRun run = plan.runs().get(i);
            StudyState.Entry entry = state.entry(run.id());
            RunDirectory dir = folder.run(run);
            RunStatus.State previous = dir.exists() && Files.isRegularFile(dir.statusFile())
                    ? dir.readStatus().state() : null;
            if (previous == RunStatus.State.COMPLETED || previous == RunStatus.State.FAILED) {
                StudyState.Status status = previous == RunStatus.State.COMPLETED
                        ? StudyState.Status.COMPLETED : StudyState.Status.FAILED;
                if (entry.status != status) {
                    state.set(run.id(), status, dir.readStatus().message(), entry.seconds);
                    state.write(folder.stateFile());
                }
                listener.onRunEnd(run, i, total, entry);
                continue;
            }
            // Data that cannot be read is the study's problem, not one run's: it stops the study.
            Dataset dataset = dataset(configs.get(i));
            boolean resuming = dir.exists();
            listener.onRunStart(run, i, total, resuming);
            state.set(run.id(), StudyState.Status.RUNNING, resuming ? "resumed" : "started", entry.seconds);
            state.write(folder.stateFile());
            long start = System.nanoTime();
            TrainingOutcome outcome = train(run, configs.get(i), dataset, dir, resuming,
                    listener.observer(run));
            double seconds = entry.seconds + (System.nanoTime() - start) / 1e9;
            state.set(run.id(), statusOf(outcome), outcome.message(), seconds);
            state.write(folder.stateFile());
            listener.onRunEnd(run, i, total, entry);
        }
        int completed = (int) state.count(StudyState.Status.COMPLETED);
        int failed = (int) state.count(StudyState.Status.FAILED);
        return new Outcome(completed, failed, total - completed - failed, control.isStopRequested());
    }

    private TrainingOutcome train(StudyPlan.PlannedRun run, TrainingConfig config, Dataset dataset,
            RunDirectory dir, boolean resuming, TrainingObserver observer) {
        try {
            TrainingJob trainer;
            if (resuming) {
                checkSameConfig(run, config, dir);
                trainer = TrainingJobs.resume(dir, dataset, observer, control);
            } else {
                trainer = TrainingJobs.create(dir, config, dataset, observer, control);
            }
            return trainer.run();
        } catch (IOException | RuntimeException e) {
            // One broken run must not sink the study: record it and go on with the next.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new TrainingOutcome(TrainingOutcome.Status.FAILED, message, 0, null);
        }
    }

    private static StudyState.Status statusOf(TrainingOutcome outcome) {
        switch (outcome.status()) {
            case COMPLETED:
                return StudyState.Status.COMPLETED;
            case STOPPED:
                return StudyState.Status.STOPPED;
            default:
                return StudyState.Status.FAILED;
        }
    }

    /** The config's data, divided as it says; read once per study for every (data, split). */
    private Dataset dataset(TrainingConfig config) {
        String key = config.data() + "\n" + Json.toJson(config.split()) + "\n" + config.imageSize();
        return datasets.computeIfAbsent(key, k -> new DatasetLocator(dataOptions.withConversion(
                ConversionPolicy.square(config.imageSize()))).load(config.data(), config.split()));
    }

    private static void checkSameConfig(StudyPlan.PlannedRun run, TrainingConfig planned,
            RunDirectory dir) throws IOException {
        TrainingConfig stored = dir.readManifest().config();
        if (!Json.gson().toJsonTree(stored).equals(Json.gson().toJsonTree(planned))) {
            throw new IOException(dir.root() + " was started with other settings than run "
                    + run.id() + " has now (the study file or its overrides changed); delete that"
                    + " folder to start the run again, or use another --out");
        }
    }

    private static String describe(Map<String, Object> overrides) {
        if (overrides.isEmpty()) {
            return "no --data/--epochs overrides";
        }
        StringBuilder text = new StringBuilder();
        overrides.forEach((option, value) -> text.append(text.length() == 0 ? "" : " ")
                .append("--").append(option).append(' ').append(ArgumentList.text(value)));
        return text.toString();
    }

    /** Creates the folder, or checks that it holds this same study with the same overrides. */
    private StudyState prepareFolder(Path studySource) throws IOException {
        if (!folder.holdsStudy()) {
            // A folder with files but no study state is someone's folder: never write into it.
            org.dmlworkbench.io.OutputFolders.createNewOrEmpty(folder.root(), "study folder");
        }
        Files.createDirectories(folder.runsDir());
        String text = Files.readString(studySource, StandardCharsets.UTF_8);
        Path copy = folder.studyFileFor(studySource);
        if (Files.isRegularFile(copy) && !Files.isSameFile(copy, studySource)
                && !Files.readString(copy, StandardCharsets.UTF_8).equals(text)) {
            throw new IOException(folder.root() + " holds another study (its " + copy.getFileName()
                    + " differs from " + studySource + "); choose another --out");
        }
        if (!Files.isRegularFile(copy)) {
            AtomicFiles.writeString(copy, text);
        }
        if (!Files.isRegularFile(folder.stateFile())) {
            StudyState state = StudyState.fresh(plan);
            state.write(folder.stateFile());
            return state;
        }
        StudyState state = folder.readState();
        if (!Json.gson().toJsonTree(state.overrides).equals(Json.gson().toJsonTree(plan.overrides()))) {
            throw new IOException(folder.root() + " was started with " + describe(state.overrides)
                    + " and now has " + describe(plan.overrides()) + "; run it again with the same"
                    + " --data/--epochs, or choose another --out");
        }
        if (!Json.gson().toJsonTree(state.variables).equals(Json.gson().toJsonTree(plan.variables()))) {
            throw new IOException(folder.root() + " was started with the study variables "
                    + state.variables + " and now has " + plan.variables() + "; run it again with"
                    + " the same --set, or choose another --out");
        }
        StudyState fresh = StudyState.fresh(plan);
        for (StudyState.Entry entry : fresh.runs) {
            StudyState.Entry old = state.entry(entry.id);
            if (old != null) {
                entry.status = old.status;
                entry.message = old.message;
                entry.seconds = old.seconds;
                entry.updated = old.updated;
            }
        }
        return fresh;
    }
}
