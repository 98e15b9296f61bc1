package org.dmlworkbench.training.launch;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dmlworkbench.data.Augmentation;
import org.dmlworkbench.data.ClassListFile;
import org.dmlworkbench.data.SplitSpec;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.config.OptimizerSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code train} that decide what a run computes, and the one place that turns
 * them into a {@link TrainingConfig}. The train command mixes them in; a study parses each run's
 * arguments with them. They live here, not in {@code cli}, so that {@code study} (which the
 * command line and the window both use) does not depend on the command line package
 * (issue 17: the study -> cli -> ui -> study cycle).
 */
public final class TrainArguments {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", paramLabel = "D", defaultValue = "sample",
            description = "mnist, fashion-mnist, cifar-10, sample, or a folder (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--split", paramLabel = "S", defaultValue = "auto",
            description = "auto: the data's own train/test split (folders whatever classes each holds,"
                    + " a benchmark's standard split; every 5th image of each class for a plain class"
                    + " folder); images: the same classes in train and test; classes: class-disjoint"
                    + " (unseen test classes), the first --train-classes of the classes in label order"
                    + " train (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--train-classes", paramLabel = "F",
            description = "With --split classes: the fraction of the classes that trains (default 0.5).")
    Double trainClasses;

    @Option(names = "--test-classes", paramLabel = "FILE",
            description = "With --split classes: a file naming the test classes, one per line.")
    Path testClasses;

    @Option(names = "--image-size", paramLabel = "N", defaultValue = "0",
            description = "Bring every image to N x N pixels (scaled to cover, centre cropped);"
                    + " 0: the size the data decides, the most common training size (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--augment", paramLabel = "A", defaultValue = "none",
            description = "none, or standard: a random resized crop and a horizontal flip of every"
                    + " training image, each epoch anew (evaluation resizes and crops the centre)"
                    + " (default: ${DEFAULT-VALUE}).")
    String augment;

    @Option(names = "--crop-scale", paramLabel = "MIN,MAX", split = ",", defaultValue = "0.08,1",
            description = "Area fraction of the random crops (default: ${DEFAULT-VALUE}).")
    double[] cropScale;

    @Option(names = "--crop-ratio", paramLabel = "MIN,MAX", split = ",", defaultValue = "0.75,1.3333333333333333",
            description = "Aspect ratio of the random crops (default: 3/4 to 4/3).")
    double[] cropRatio;

    @Option(names = "--no-flip", description = "Do not flip training images left to right.")
    boolean noFlip;

    @Option(names = "--color-jitter", paramLabel = "J", defaultValue = "0",
            description = "Scale brightness, contrast and saturation by factors in [1-J, 1+J]"
                    + " (default: ${DEFAULT-VALUE}).")
    double colorJitter;

    @Option(names = "--loss", paramLabel = "L",
            description = "Loss expression: ms, ce, contrastive, triplet, banded, ntxent, rsk (Recall@k surrogate),"
                    + " metrix (Metrix mixed term, e.g. ms+metrix:0.4); sums like ms+ce or"
                    + " weighted 'ms:0.5,ce:1'. With --method asymmetric: asym-reg, asym-contr,"
                    + " asym-contr+, asym-triplet, asym-ms, rkd, darkrank (sums like"
                    + " 'asym-contr:1,rkd:0.5'); with --method guided: guided. Default: the method's"
                    + " own (metric: ms+ce, asymmetric: asym-contr+, guided: guided).")
    String loss;

    @Option(names = "--loss-param", paramLabel = "KEY=VALUE",
            description = "Loss hyper-parameter, repeatable, e.g. ms.alpha=2 ms.beta=50 triplet.margin=0.1.")
    Map<String, String> lossParams = new LinkedHashMap<>();

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
            description = "Epochs; 0 evaluates the untrained, initialised network (a baseline)"
                    + " (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--sampler", paramLabel = "S", defaultValue = "auto",
            description = "auto (shuffle while a batch holds several images of each class,"
                    + " m-per-class for many small classes), shuffle or m-per-class"
                    + " (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--clip-gradient", paramLabel = "C", defaultValue = "1.0",
            description = "Clip gradient values to [-C, C] (guards Adam against one exploding step); 0 disables (default: ${DEFAULT-VALUE}).")
    double clipGradient;

    @Option(names = "--lr-schedule", paramLabel = "S", defaultValue = "cosine",
            description = "cosine (decay to 0 over the run) or constant (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--warmup", paramLabel = "F", defaultValue = "0.05",
            description = "Fraction of all steps over which the rate ramps up from 0 (default: ${DEFAULT-VALUE}).")
    double warmup;

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
                    + " training set; gallery: test queries against the data's separate gallery"
                    + " (In-Shop) (default: test, or gallery when the data has one).")
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
            description = "Method setting, repeatable. guided: guided.master-epochs=10, guided.beta=0.005,"
                    + " guided.margin=3, guided.master-lr=0.001 (SGD), guided.triplets=32,"
                    + " guided.constraints=CSV (Eq. 6: one point per class), guided.master-dir=FOLDER"
                    + " (reuse a trained master). metric: metrix.level=input|feature mixes positives"
                    + " with negatives as images or last feature maps, as the authors do"
                    + " (metrix.mixing=authors: input, every positive pair with its anchor's hardest"
                    + " negative; feature, with every negative) or one-per-anchor (hardest positive"
                    + " with hardest negative), metrix.form=ms|contrastive, metrix.alpha=2,"
                    + " metrix.weight=0.4.")
    Map<String, String> methodParams = new LinkedHashMap<>();

    @Option(names = "--chunk", paramLabel = "C", defaultValue = "0",
            description = "Embed each batch in chunks of C images in two passes, so batches can be far"
                    + " larger than memory would allow; 0 = one pass (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--init-from", paramLabel = "RUN",
            description = "Start from this earlier run's trained backbone (any data set; same model"
                    + " options and image channels) with a new embedding layer and classifier.")
    Path initFrom;

    @Option(names = "--backbone", paramLabel = "FILE.pt",
            description = "Import a TorchScript backbone (e.g. a ResNet-50 exported from"
                    + " torchvision) returning a feature map (global average pooling follows) or"
                    + " vectors; the embedding layer goes on top. The run keeps a copy.")
    Path backbone;

    @Option(names = "--freeze-backbone",
            description = "With --init-from or --backbone: train only the embedding layer (and the"
                    + " classifier); the backbone gets no gradients and runs in inference mode.")
    boolean freezeBackbone;

    @Option(names = "--backbone-size", paramLabel = "PX", defaultValue = "0",
            description = "With --backbone: the image size it expects; the data must have it"
                    + " (default: 0, the data's size, tried with one forward at set-up).")
    int backboneSize;

    @Option(names = "--backbone-normalization", paramLabel = "N", defaultValue = "data",
            description = "With --backbone: data (the training set's mean and std) or imagenet"
                    + " (ImageNet's, for backbones trained on it; colour images) (default: ${DEFAULT-VALUE}).")
    String backboneNormalization;

    private Augmentation augmentation() {
        if (cropScale.length != 2 || cropRatio.length != 2) {
            throw new IllegalArgumentException("--crop-scale and --crop-ratio take two numbers, MIN,MAX");
        }
        return new Augmentation(augment, cropScale[0], cropScale[1], cropRatio[0], cropRatio[1],
                !noFlip, colorJitter);
    }

    private SplitSpec splitSpec() {
        if (testClasses != null) {
            if (trainClasses != null) {
                throw new IllegalArgumentException("give --train-classes or --test-classes, not both");
            }
            if (!"classes".equalsIgnoreCase(split.strip())) {
                throw new IllegalArgumentException("--test-classes chooses the test classes of"
                        + " --split classes; add --split classes");
            }
            return SplitSpec.testClasses(ClassListFile.read(testClasses), testClasses.toString());
        }
        return new SplitSpec(split, trainClasses == null ? 0 : trainClasses, null, null);
    }

    private org.dmlworkbench.model.BackboneSpec backboneSpec() {
        return new org.dmlworkbench.model.BackboneSpec(
                initFrom == null ? null : initFrom.toAbsolutePath().toString(),
                backbone == null ? null : backbone.toAbsolutePath().toString(), freezeBackbone,
                backboneSize, backboneNormalization);
    }

    /** The config these options describe (the train command adds the data's protocol later). */
    public TrainingConfig config() {
        return TrainingConfig.defaults().toBuilder()
                .data(data)
                .split(splitSpec())
                .imageSize(imageSize)
                .augment(augmentation())
                .model(backbone != null ? modelOptions.toImportedSpec() : modelOptions.toSpec())
                .backbone(backboneSpec())
                .loss(loss != null ? loss : TrainingConfig.defaultLoss(method), lossParams)
                .sampler(sampler, perClass)
                .optimizer(new OptimizerSpec(optimizer, lr, weightDecay, momentum, clipGradient,
                        lrSchedule, warmup))
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
     * The config that {@code train ARGS} would train, parsed by the train command's own options
     * (so a study can use every option of {@code train}). Options that choose folders or data
     * locations ({@code --out}, {@code --data-dir}, ...) are not among them: a study file may
     * not name them (see StudySpec).
     *
     * @throws IllegalArgumentException naming the argument and the problem
     */
    public static TrainingConfig configFrom(java.util.List<String> args) {
        TrainArguments command = new TrainArguments();
        picocli.CommandLine cli = new picocli.CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cli.parseArgs(args.toArray(new String[0]));
        } catch (picocli.CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return command.config();
    }
}
