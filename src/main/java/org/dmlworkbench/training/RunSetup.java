package org.dmlworkbench.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dmlworkbench.data.BatchSampler;
import org.dmlworkbench.data.BatchSamplers;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.MPerClassSampler;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.data.ShuffleSampler;
import org.dmlworkbench.evaluation.RetrievalEvaluator;
import org.dmlworkbench.evaluation.RetrievalMetrics;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.Embedder;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.model.ModelSummary;
import org.dmlworkbench.model.MultiplyAdds;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.MetricsLog;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.run.Version;
import org.dmlworkbench.config.TrainingConfig;

/** The pieces a run is assembled from, each a pure function of its config and data. */
public final class RunSetup {

    private static final int EVAL_BATCH = 256;

    private RunSetup() {}

    /** The loss DJL's trainer is configured with (the method's, or its step's placeholder). */
    public static EmbeddingLoss loss(TrainingConfig config) {
        return method(config).trainerLoss(config);
    }

    /** The effective loss settings a run's config.json records. */
    static Map<String, Object> lossDescription(TrainingConfig config) {
        return method(config).describeLoss(config);
    }

    /** How each batch is run for the config's method. */
    public static BatchStep batchStep(TrainingConfig config, EmbeddingLoss loss, Dataset dataset,
            ai.djl.Device device) {
        return method(config).openStep(config, loss, dataset, device);
    }

    private static TrainingMethod method(TrainingConfig config) {
        return TrainingMethods.byName(config.method());
    }

    /**
     * Refuses, before anything is written, a config that cannot train on the data: fewer than two
     * classes with images, a batch larger than the training set, an m-per-class batch needing
     * more classes than there are, a teacher run that does not fit.
     */
    public static void checkCanTrain(TrainingConfig config, Dataset dataset) {
        ImageSet train = dataset.train();
        long populated = java.util.Arrays.stream(train.classCounts()).filter(n -> n > 0).count();
        if (populated < 2) {
            throw new IllegalArgumentException("the training set of '" + dataset.name() + "' has "
                    + (populated == 0 ? "no images" : "images of one class only") + "; metric"
                    + " learning needs at least 2 classes (pairs of the same and of different classes)");
        }
        if (sampler(config, train).batches(0).isEmpty()) {
            throw new IllegalArgumentException("the training set (" + train.size()
                    + " images) is smaller than one batch of " + config.batchSize()
                    + "; lower --batch");
        }
        method(config).checkCanTrain(config, dataset);
        BackboneSetup.check(config, dataset);
    }

    public static BatchSampler sampler(TrainingConfig config, ImageSet train) {
        switch (config.sampler()) {
            case "m-per-class":
                return new MPerClassSampler(train.labels(), config.samplesPerClass(),
                        config.batchSize(), config.seed());
            case "shuffle":
                return new ShuffleSampler(train.size(), config.batchSize(), config.seed(), true);
            default:
                return BatchSamplers.auto(train.labels(), config.batchSize(),
                        config.samplesPerClass(), config.seed());
        }
    }

    /** Resolves a config against its data: normalisation, loss defaults, model size, machine. */
    public static RunManifest manifest(TrainingConfig config, Dataset dataset) {
        ImageSet train = dataset.train();
        RunManifest.ModelInfo modelInfo = describeModel(config, train,
                classifierClasses(config, dataset));
        RunManifest.Environment environment = new RunManifest.Environment(
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                Engine.getDjlVersion(),
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(),
                Devices.describe(Devices.resolve(config.device())));
        return new RunManifest(Version.current(), Instant.now().toString(), config,
                RunManifest.DataInfo.of(dataset), BackboneSetup.normalization(config, train),
                lossDescription(config),
                modelInfo, environment, sampler(config, train).describe());
    }

    /**
     * The classifier head's size that training gives a config on this data; 0 when the loss
     * needs none. Students of a teacher or a master are trained without a classifier.
     */
    public static int classifierClasses(TrainingConfig config, Dataset dataset) {
        return method(config).trainsClassifier(config) ? dataset.trainClassCount() : 0;
    }

    /**
     * Parameter count, saved size, multiply-adds, resolved stem and starting point of the network
     * a config builds (no training); an imported backbone is loaded and tried on the data's size.
     */
    public static RunManifest.ModelInfo describeModel(TrainingConfig config, ImageSet train,
            int classifierClasses) {
        Shape input = new Shape(1, train.channels(), train.height(), train.width());
        return withBuiltNetwork(config, input, classifierClasses, network -> {
            java.util.OptionalLong macs = MultiplyAdds.ofNetwork(network.net(), input);
            return new RunManifest.ModelInfo(ModelSummary.trainableParameters(network.net()),
                    ModelSummary.savedSizeBytes(network.net()), classifierClasses, network.stem(),
                    macs.isPresent() ? macs.getAsLong() : null,
                    BackboneSetup.describe(config, network));
        });
    }

    /**
     * Builds the network a config makes for {@code input} (batch of one, channels, height,
     * width), as training would (a ResNet's stem for that size, an imported backbone's file), on
     * the CPU and initialised, lets {@code reader} read it, then frees it. The one place that
     * builds a network to describe it: the run manifest and the window's Architecture panel
     * both read it here, so they cannot disagree about the model.
     */
    public static <T> T withBuiltNetwork(TrainingConfig config, Shape input, int classifierClasses,
            java.util.function.Function<RunNetwork, T> reader) {
        Path imported = config.backbone().torchScript() == null ? null
                : Path.of(config.backbone().torchScript());
        int channels = (int) input.get(1);
        try (RunNetwork network = RunNetwork.build(config, channels, (int) input.get(2),
                (int) input.get(3), classifierClasses, null, imported, ai.djl.Device.cpu(), true);
                NDManager manager = NDManager.newBaseManager()) {
            network.net().initialize(manager, DataType.FLOAT32, input);
            return reader.apply(network);
        }
    }

    /**
     * Retrieval metrics of the test split: against the other test items ("test") or against the
     * training set ("train").
     */
    public static RetrievalMetrics evaluate(EmbeddingNet net, Normalization normalization,
            Dataset dataset, String gallery, NDManager manager, ProgressListener phases) {
        Embedder embedder = new Embedder(net, normalization, manager, EVAL_BATCH);
        Cancellation never = Cancellation.none();
        Embeddings test = embedder.embed(dataset.test(),
                (task, done, total, unit) -> phases.update("embed test", done, total, unit), never);
        RetrievalEvaluator evaluator = new RetrievalEvaluator(RetrievalEvaluator.Options.defaults());
        int[] testLabels = dataset.test().labels();
        phases.update("evaluate", 0, 1, "steps");
        RetrievalMetrics metrics;
        if (gallery.equals("train") || gallery.equals("gallery")) {
            ImageSet references = gallery.equals("train") ? dataset.train() : galleryOf(dataset);
            Embeddings reference = embedder.embed(references,
                    (task, done, total, unit) -> phases.update("embed " + gallery, done, total, unit), never);
            metrics = evaluator.evaluate(test, testLabels, reference, references.labels(), false,
                    (task, done, total, unit) -> { }, never);
        } else {
            metrics = evaluator.evaluate(test, testLabels, test, testLabels, true,
                    (task, done, total, unit) -> { }, never);
        }
        phases.update("evaluate", 1, 1, "steps");
        return metrics;
    }

    static MetricsLog.Entry metricsEntry(int epoch, double trainLoss, RetrievalMetrics m,
            double seconds) {
        if (m == null) {
            return new MetricsLog.Entry(epoch, trainLoss, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, seconds);
        }
        return new MetricsLog.Entry(epoch, trainLoss, m.precisionAt1(), m.rPrecision(), m.mapAtR(),
                m.nmi(), seconds);
    }

    /** The content of eval.json: metrics plus the protocol that produced them. */
    public static Map<String, Object> evalDocument(RunManifest manifest, RetrievalMetrics metrics) {
        Map<String, Object> doc = new LinkedHashMap<>(metrics.toJsonMap());
        doc.put("protocol", protocol(manifest.config().evalGallery()));
        doc.put("data", manifest.data().name());
        doc.put("split", "test");
        doc.put("queries", manifest.data().testSize());
        RunManifest.DataInfo data = manifest.data();
        if (data.testClasses() != null && data.trainClasses() != null) {
            long unseen = data.testClasses().stream().filter(c -> !data.trainClasses().contains(c)).count();
            doc.put("test_classes", data.testClasses().size());
            doc.put("unseen_test_classes", unseen);
        }
        return doc;
    }

    public static String protocol(String gallery) {
        switch (gallery) {
            case "train":
                return "test queries against the training-set gallery, L2 distance";
            case "gallery":
                return "query set against the separate gallery set, L2 distance";
            default:
                return leaveOneOutProtocol("test");
        }
    }

    /** The protocol of a split's items querying each other ({@code eval --split train}, say). */
    public static String leaveOneOutProtocol(String split) {
        return "each " + split + " item queries the other " + split
                + " items (itself excluded), L2 distance";
    }

    /** The data set's separate gallery, or a sentence saying it has none. */
    public static ImageSet galleryOf(Dataset dataset) {
        if (dataset.gallery() == null) {
            throw new IllegalArgumentException("'" + dataset.name() + "' has no separate gallery"
                    + " (only In-Shop-style data has query and gallery sets); evaluate with the"
                    + " test or train gallery");
        }
        return dataset.gallery();
    }
}
