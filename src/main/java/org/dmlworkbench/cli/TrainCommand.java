package org.dmlworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.io.WorkbenchHome;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.launch.TrainArguments;
import org.dmlworkbench.training.launch.TrainingJobs;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an embedding model into a run folder, or continue one with --resume.",
            "Writes RUN/config.json, metrics.csv, checkpoints/, model.params and eval.json.",
            "Ctrl-C stops after the current step and keeps a checkpoint to resume from."})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Mixin
    TrainArguments arguments;

    @Option(names = "--out", paramLabel = "RUN", description = "Run folder (default: ~/.dml-workbench/runs/<date-time>, or $DMLWB_HOME/runs/...).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN",
            description = "Continue this run from its last checkpoint with its own config (only"
                    + " --data-dir, --offline and --skip-bad may be given with it).")
    Path resume;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What a resumed run may still be told: where its data is, not what it computes. */
    private static final java.util.Set<String> RESUME_OPTIONS = java.util.Set.of("--resume",
            "--data-dir", "--offline", "--skip-bad");

    @Override
    public Integer call() throws IOException {
        TrainingControl control = new TrainingControl();
        ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
        ConsoleTrainingObserver observer = new ConsoleTrainingObserver(bar);
        StopOnSignal.Work<TrainingOutcome> work;
        if (resume != null) {
            refuseSettingsWithResume();
            RunDirectory run = new RunDirectory(resume);
            TrainingConfig saved = run.readManifest().config();
            Dataset dataset = dataOptions.load(saved.data(), saved.split(), saved.imageSize(), bar);
            work = TrainingJobs.resume(run, dataset, observer, control)::run;
        } else {
            TrainingConfig config = arguments.config();
            Dataset dataset = dataOptions.load(config.data(), config.split(), config.imageSize(), bar);
            config = withQueryGalleryProtocol(config, dataset);
            RunDirectory run = new RunDirectory(out != null ? out : defaultRunFolder());
            work = TrainingJobs.create(run, config, dataset, observer, control)::run;
            System.err.println("run folder: " + run.root());
        }
        TrainingOutcome outcome = StopOnSignal.runWith(control, work);
        bar.finishLine();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", outcome.status().name().toLowerCase());
        summary.put("message", outcome.message());
        summary.put("completed_epochs", outcome.completedEpochs());
        if (outcome.finalMetrics() != null) {
            summary.put("metrics", outcome.finalMetrics().toJsonMap());
        }
        System.out.println(Json.toJson(summary));
        switch (outcome.status()) {
            case COMPLETED:
                return 0;
            case STOPPED:
                return Main.EXIT_STOPPED;
            default:
                System.err.println("error: " + outcome.message());
                return Main.EXIT_FAILED;
        }
    }

    /**
     * Data that comes with query and gallery sets (In-Shop) is evaluated as the field does, the
     * queries against the gallery, unless --eval-gallery chooses otherwise. Resolved here, once
     * the data is read, so the run's config records the protocol it used.
     */
    private TrainingConfig withQueryGalleryProtocol(TrainingConfig config, Dataset dataset) {
        if (dataset.gallery() == null || spec.commandLine().getParseResult().hasMatchedOption("--eval-gallery")) {
            return config;
        }
        System.err.println("evaluation: " + org.dmlworkbench.training.RunSetup.protocol("gallery")
                + " (the data's own protocol; --eval-gallery test or train chooses another)");
        return config.toBuilder().evaluation(config.evalEvery(), "gallery").build();
    }

    /**
     * A resumed run computes what its config.json says; an option that would change that is an
     * error, not silently ignored.
     */
    private void refuseSettingsWithResume() {
        java.util.List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(option -> option.longestName())
                .filter(name -> !RESUME_OPTIONS.contains(name)).distinct().toList();
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("--resume continues a run with the settings in its"
                    + " config.json; " + String.join(", ", given) + " cannot be changed. To train with other"
                    + " settings, start a new run");
        }
    }

    private static Path defaultRunFolder() {
        return WorkbenchHome.runs().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
