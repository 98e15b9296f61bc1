package org.dmlworkbench.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.dmlworkbench.data.Augmentation;
import org.dmlworkbench.data.SplitSpec;
import org.dmlworkbench.io.Derived;
import org.dmlworkbench.loss.LossSpec;
import org.dmlworkbench.model.BackboneSpec;
import org.dmlworkbench.model.ModelSpec;

/**
 * Everything that decides what a training run computes. Written to {@code RUN/config.json}; a run
 * repeated from it with the same data and seed on the same machine gives the same result.
 *
 * @param data data set name or folder path
 * @param split how its images divide into training and test images (and which classes each
 *     side holds); null in configs of earlier versions, read as "auto"
 * @param loss loss expression, e.g. "ms+ce" or "ms:0.5,ce:1"
 * @param lossParams loss hyper-parameters by key ("ms.alpha" -> "2"); defaults are filled in
 *     the run's config separately
 * @param sampler "auto" (shuffle, or m-per-class when classes are many and small), "shuffle" or
 *     "m-per-class"
 * @param samplesPerClass M of the m-per-class sampler
 * @param device "auto" (GPU when DJL sees one), "cpu" or "gpu"
 * @param evalEvery evaluate every this many epochs (the last epoch is always evaluated)
 * @param evalGallery "test": test queries against the other test items; "train": test queries
 *     against the training set (the Guided DML protocol); "gallery": test queries against the
 *     data set's separate gallery
 * @param checkpointSeconds write a mid-epoch checkpoint at least this often
 * @param checkpointEverySteps also write one every this many steps (0: off)
 * @param method "metric" (a loss on the model's own embeddings), "asymmetric" (a student
 *     trained against a frozen teacher run's embeddings) or "guided" (a GEMINI master, then a
 *     student distilled into its space)
 * @param teacherRun the teacher's run folder for "asymmetric", else null
 * @param chunkSize embed each batch in chunks of this size in two passes (gradients of the loss
 *     with respect to the embeddings first, then per chunk), so a batch may exceed memory; 0 off
 * @param methodParams settings of the method by key (e.g. "guided.beta" -> "0.005")
 * @param imageSize the side of the square the images are brought to (resize, centre crop);
 *     0: the size the data decides (the most common training size)
 * @param augment the training views drawn from each image; none in configs of earlier versions
 * @param backbone where the backbone's weights start (random, an earlier run's, a TorchScript
 *     file) and whether it is frozen; null in configs of earlier versions, read as random
 * @param lossSpec {@code loss} with {@code lossParams}, parsed by the method when the config is
 *     built, so that nothing parses the loss text again (null for a method that trains with its
 *     own losses: guided); computed, never given (pass null) and never written to config.json
 */
public record TrainingConfig(
        String data,
        SplitSpec split,
        ModelSpec model,
        String loss,
        Map<String, String> lossParams,
        String sampler,
        int samplesPerClass,
        OptimizerSpec optimizer,
        int epochs,
        int batchSize,
        long seed,
        String device,
        int evalEvery,
        String evalGallery,
        int checkpointSeconds,
        int checkpointEverySteps,
        String method,
        String teacherRun,
        int chunkSize,
        Map<String, String> methodParams,
        int imageSize,
        Augmentation augment,
        BackboneSpec backbone,
        @Derived LossSpec lossSpec) {

    /** The method of a config that names none: metric learning. */
    public static final String DEFAULT_METHOD = "metric";

    public static final java.util.List<String> SAMPLERS = java.util.List.of("auto", "shuffle",
            "m-per-class");

    /**
     * Evaluation protocols: test items query the other test items; test items query the training
     * set; test items (the queries) query a separate gallery (In-Shop's protocol).
     */
    public static final java.util.List<String> EVAL_GALLERIES = java.util.List.of("test", "train",
            "gallery");

    public TrainingConfig {
        split = split == null ? SplitSpec.auto() : split;
        augment = augment == null ? Augmentation.none() : augment;
        if (imageSize < 0 || imageSize == 1 || imageSize > 1024) {
            throw new IllegalArgumentException("--image-size must be 0 (as the data decides) or 2..1024"
                    + " pixels, got " + imageSize);
        }
        lossParams = Map.copyOf(new TreeMap<>(lossParams == null ? Map.of() : lossParams));
        methodParams = Map.copyOf(new TreeMap<>(methodParams == null ? Map.of() : methodParams));
        method = method == null ? DEFAULT_METHOD : method.toLowerCase(Locale.ROOT);
        MethodRules trainingMethod = MethodRegistry.byName(method);
        if (trainingMethod.needsTeacherRun() && (teacherRun == null || teacherRun.isBlank())) {
            throw new IllegalArgumentException("the " + method + " method needs --teacher-run RUN");
        }
        if (chunkSize < 0 || (chunkSize > 0 && chunkSize >= batchSize)) {
            throw new IllegalArgumentException("--chunk must be 0 (one pass) or smaller than the batch ("
                    + batchSize + "), got " + chunkSize);
        }
        sampler = sampler.toLowerCase(Locale.ROOT);
        device = device.toLowerCase(Locale.ROOT);
        evalGallery = evalGallery.toLowerCase(Locale.ROOT);
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0 (0 evaluates the untrained,"
                    + " initialised network: the floor a trained one must beat), got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be >= 2, got " + batchSize);
        }
        if (!SAMPLERS.contains(sampler)) {
            throw new IllegalArgumentException("unknown sampler '" + sampler
                    + "'; choose auto, shuffle or m-per-class");
        }
        if (sampler.equals("m-per-class") && (samplesPerClass < 2 || batchSize % samplesPerClass != 0)
                || sampler.equals("auto") && samplesPerClass < 2) {
            throw new IllegalArgumentException("m-per-class needs M >= 2 dividing the batch size ("
                    + batchSize + "), got M = " + samplesPerClass);
        }
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("unknown device '" + device + "'; choose auto, cpu or gpu");
        }
        if (!EVAL_GALLERIES.contains(evalGallery)) {
            throw new IllegalArgumentException("unknown evaluation gallery '" + evalGallery
                    + "'; choose test, train or gallery");
        }
        checkMethodParamNames(trainingMethod, methodParams);
        lossSpec = trainingMethod.validate(loss, lossParams, methodParams);
        org.dmlworkbench.loss.MetrixLoss.checkBatchSize(lossSpec, batchSize);
        trainingMethod.checkBatchSize(methodParams, batchSize);
        if (chunkSize > 0 && !trainingMethod.takesChunks()) {
            throw new IllegalArgumentException("--chunk (two-pass large batches) works with the metric"
                    + " method only, not with '" + method + "'");
        }
        if (evalEvery < 1 || checkpointSeconds < 1 || checkpointEverySteps < 0) {
            throw new IllegalArgumentException(
                    "eval-every and checkpoint-seconds must be >= 1, checkpoint-every-steps >= 0");
        }
        backbone = backbone == null ? BackboneSpec.RANDOM : backbone;
        checkBackbone(model, backbone);
    }

    /** An imported backbone is the model's whole backbone: nothing of the built-in layouts applies. */
    private static void checkBackbone(ModelSpec model, BackboneSpec backbone) {
        if (model.isTorchScript() != (backbone.torchScript() != null)) {
            throw new IllegalArgumentException(model.isTorchScript()
                    ? "the torchscript model needs its file: give --backbone FILE.pt"
                    : "--backbone FILE.pt is the model's backbone; it cannot be combined with"
                    + " the built-in model '" + model.family() + "'");
        }
        if (model.isTorchScript() && model.hasAttention()) {
            throw new IllegalArgumentException("--attention works on the built-in models; it does not"
                    + " apply to a --backbone FILE.pt");
        }
    }

    /** The --method-param keys {@code method} reads; anything else is a typo, refused by name. */
    public static java.util.Set<String> methodParamNames(String method) {
        return MethodRegistry.byName(method).parameterKeys();
    }

    private static void checkMethodParamNames(MethodRules method, Map<String, String> params) {
        java.util.Set<String> known = method.parameterKeys();
        for (String key : params.keySet()) {
            if (!known.contains(key.trim().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("unknown --method-param '" + key + "' for the "
                        + method.name() + " method; it takes " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    /** The loss a method trains with when none is given. */
    public static String defaultLoss(String method) {
        return MethodRegistry.byName(method == null ? DEFAULT_METHOD : method).defaultLoss();
    }

    /** hybrid1, ms+ce, Adam 3e-3, batch 128, 5 epochs, seed 42 on the bundled sample. */
    public static TrainingConfig defaults() {
        return new TrainingConfig("sample", SplitSpec.auto(), ModelSpec.preset("hybrid1"), "ms+ce", Map.of(),
                "auto", 4, OptimizerSpec.adam(3e-3), 5, 128, 42L, "auto", 1, "test", 60, 0,
                DEFAULT_METHOD, null, 0, Map.of(), 0, Augmentation.none(), BackboneSpec.RANDOM, null);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a config with some fields changed; {@link #build} validates. */
    public static final class Builder {
        private String data;
        private SplitSpec split;
        private ModelSpec model;
        private String loss;
        private Map<String, String> lossParams;
        private String sampler;
        private int samplesPerClass;
        private OptimizerSpec optimizer;
        private int epochs;
        private int batchSize;
        private long seed;
        private String device;
        private int evalEvery;
        private String evalGallery;
        private int checkpointSeconds;
        private int checkpointEverySteps;
        private String method;
        private String teacherRun;
        private int chunkSize;
        private Map<String, String> methodParams;
        private int imageSize;
        private Augmentation augment;
        private BackboneSpec backbone;

        private Builder(TrainingConfig c) {
            data = c.data;
            split = c.split;
            model = c.model;
            loss = c.loss;
            lossParams = c.lossParams;
            sampler = c.sampler;
            samplesPerClass = c.samplesPerClass;
            optimizer = c.optimizer;
            epochs = c.epochs;
            batchSize = c.batchSize;
            seed = c.seed;
            device = c.device;
            evalEvery = c.evalEvery;
            evalGallery = c.evalGallery;
            checkpointSeconds = c.checkpointSeconds;
            checkpointEverySteps = c.checkpointEverySteps;
            method = c.method;
            teacherRun = c.teacherRun;
            chunkSize = c.chunkSize;
            methodParams = c.methodParams;
            imageSize = c.imageSize;
            augment = c.augment;
            backbone = c.backbone;
        }

        public Builder imageSize(int value) {
            imageSize = value;
            return this;
        }

        public Builder augment(Augmentation value) {
            augment = value;
            return this;
        }

        public Builder data(String value) {
            data = value;
            return this;
        }

        public Builder split(SplitSpec value) {
            split = value;
            return this;
        }

        public Builder model(ModelSpec value) {
            model = value;
            return this;
        }

        public Builder loss(String expression, Map<String, String> params) {
            loss = expression;
            lossParams = params;
            return this;
        }

        public Builder sampler(String name, int perClass) {
            sampler = name;
            samplesPerClass = perClass;
            return this;
        }

        public Builder optimizer(OptimizerSpec value) {
            optimizer = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder device(String value) {
            device = value;
            return this;
        }

        public Builder evaluation(int every, String gallery) {
            evalEvery = every;
            evalGallery = gallery;
            return this;
        }

        public Builder checkpoints(int seconds, int everySteps) {
            checkpointSeconds = seconds;
            checkpointEverySteps = everySteps;
            return this;
        }

        public Builder method(String name, String teacher, Map<String, String> params) {
            method = name;
            teacherRun = teacher;
            methodParams = params;
            return this;
        }

        public Builder chunkSize(int value) {
            chunkSize = value;
            return this;
        }

        public Builder backbone(BackboneSpec value) {
            backbone = value;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(data, split, model, loss, lossParams, sampler, samplesPerClass,
                    optimizer, epochs, batchSize, seed, device, evalEvery, evalGallery,
                    checkpointSeconds, checkpointEverySteps, method, teacherRun, chunkSize,
                    methodParams, imageSize, augment, backbone, null);
        }
    }
}
