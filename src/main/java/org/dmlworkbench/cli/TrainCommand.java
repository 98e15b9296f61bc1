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
import org.dmlworkbench.training.MetricTrainer;
import org.dmlworkbench.training.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingOutcome;
import org.dmlworkbench.training.optim.OptimizerSpec;
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
    ModelOptions modelOptions;

    @Option(names = "--data", paramLabel = "D", defaultValue = "sample",
            description = "mnist, fashion-mnist, cifar-10, sample, or a folder (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--loss", paramLabel = "L", defaultValue = "ms+ce",
            description = "Loss expression: ms, ce, contrastive, triplet, margin; sums like ms+ce or"
                    + " weighted 'ms:0.5,ce:1' (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--loss-param", paramLabel = "KEY=VALUE",
            description = "Loss hyper-parameter, repeatable, e.g. ms.alpha=2 ms.beta=50 triplet.margin=0.1.")
    Map<String, String> lossParams = new LinkedHashMap<>();

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--sampler", paramLabel = "S", defaultValue = "shuffle",
            description = "shuffle or m-per-class (default: ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--m", paramLabel = "M", defaultValue = "4",
            description = "Images per class in each batch for m-per-class (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--optimizer", paramLabel = "O", defaultValue = "adam",
            description = "adam, adamw or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.003", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--clip-gradient", paramLabel = "C", defaultValue = "0",
            description = "Clip gradient values to [-C, C]; 0 disables (default: ${DEFAULT-VALUE}).")
    double clipGradient;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", paramLabel = "D", defaultValue = "auto",
            description = "auto (GPU when DJL sees one), cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "1",
            description = "Evaluate every N epochs; the last is always evaluated (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--eval-gallery", paramLabel = "G", defaultValue = "test",
            description = "test: test items query each other; train: test queries against the"
                    + " training set (default: ${DEFAULT-VALUE}).")
    String evalGallery;

    @Option(names = "--checkpoint-seconds", paramLabel = "S", defaultValue = "60",
            description = "Write a mid-epoch checkpoint at least this often (default: ${DEFAULT-VALUE}).")
    int checkpointSeconds;

    @Option(names = "--checkpoint-every-steps", paramLabel = "N", defaultValue = "0",
            description = "Also write one every N steps; 0 disables (default: ${DEFAULT-VALUE}).")
    int checkpointEverySteps;

    @Option(names = "--method", paramLabel = "M", defaultValue = "metric",
            description = "metric (a loss on the model's embeddings), asymmetric (a student against"
                    + " a frozen --teacher-run) or guided (GEMINI master, then a distilled student)"
                    + " (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--teacher-run", paramLabel = "RUN", description = "Frozen teacher for --method asymmetric.")
    String teacherRun;

    @Option(names = "--method-param", paramLabel = "KEY=VALUE",
            description = "Method setting, repeatable, e.g. guided.beta=0.005 guided.master-epochs=10.")
    Map<String, String> methodParams = new LinkedHashMap<>();

    @Option(names = "--chunk", paramLabel = "C", defaultValue = "0",
            description = "Embed each batch in chunks of C images in two passes, so batches can be far"
                    + " larger than memory would allow; 0 = one pass (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--out", paramLabel = "RUN", description = "Run folder (default: ~/.dml-workbench/runs/<date-time>, or $DMLWB_HOME/runs/...).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN",
            description = "Continue this run from its last checkpoint with its own config.")
    Path resume;

    @Override
    public Integer call() throws IOException {
        TrainingControl control = new TrainingControl();
        ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
        ConsoleTrainingObserver observer = new ConsoleTrainingObserver(bar);
        MetricTrainer trainer;
        if (resume != null) {
            RunDirectory run = new RunDirectory(resume);
            String dataName = run.readManifest().config().data();
            Dataset dataset = dataOptions.load(dataName, bar);
            trainer = MetricTrainer.resume(run, dataset, observer, control);
        } else {
            TrainingConfig config = config();
            Dataset dataset = dataOptions.load(data, bar);
            RunDirectory run = new RunDirectory(out != null ? out : defaultRunFolder());
            trainer = MetricTrainer.create(run, config, dataset, observer, control);
            System.err.println("run folder: " + run.root());
        }
        TrainingOutcome outcome = StopOnSignal.runWith(control, trainer::run);
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

    TrainingConfig config() {
        return TrainingConfig.defaults().toBuilder()
                .data(data)
                .model(modelOptions.toSpec())
                .loss(loss, lossParams)
                .sampler(sampler, perClass)
                .optimizer(new OptimizerSpec(optimizer, lr, weightDecay, momentum, clipGradient))
                .epochs(epochs)
                .batchSize(batch)
                .seed(seed)
                .device(device)
                .evaluation(evalEvery, evalGallery)
                .checkpoints(checkpointSeconds, checkpointEverySteps)
                .method(method, teacherRun, methodParams)
                .chunkSize(chunk)
                .build();
    }

    /**
     * The config that {@code train ARGS} would train, parsed by this command's own options (so a
     * study can use every option of {@code train}).
     *
     * @throws IllegalArgumentException naming the argument and the problem
     */
    public static TrainingConfig configFrom(java.util.List<String> args) {
        TrainCommand command = new TrainCommand();
        picocli.CommandLine cli = new picocli.CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cli.parseArgs(args.toArray(new String[0]));
        } catch (picocli.CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return command.config();
    }

    private static Path defaultRunFolder() {
        return WorkbenchHome.runs().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
