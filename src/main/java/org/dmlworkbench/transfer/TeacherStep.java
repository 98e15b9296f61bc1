package org.dmlworkbench.transfer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.ImageSet;
import org.dmlworkbench.data.Normalization;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.loss.TeacherLoss;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.search.ImageSearch;
import org.dmlworkbench.training.BatchStep;
import org.dmlworkbench.config.TrainingConfig;

/**
 * The asymmetric step: the frozen teacher embeds the batch inside the training graph (inference
 * mode, output detached with stopGradient), the student embeds it with gradients, and an
 * {@link TeacherLoss} (or a weighted sum of them) compares the two. Only the student's parameters are updated; the
 * teacher's parameters are never registered with the trainer.
 *
 * <p>With {@code --method-param asym.teacher-cache=true} the teacher embeds the training set once
 * when the step opens and each batch looks its targets up by image index. Batches carry no
 * augmentation and the teacher runs in inference mode, so the targets are the same numbers
 * (a large teacher's forward, not the student, is then no longer the cost of every step).
 */
public final class TeacherStep implements BatchStep {

    public static final String TEACHER_CACHE = "asym.teacher-cache";

    private final EmbeddingNet teacher;
    private final AutoCloseable owner;
    private final EmbeddingLoss loss;
    private final Embeddings cachedTargets;

    /**
     * @param teacher the teacher network, initialised with its trained parameters
     * @param owner what to close with the step (the loaded teacher run), or null
     */
    public TeacherStep(EmbeddingNet teacher, AutoCloseable owner, EmbeddingLoss loss) {
        this(teacher, owner, loss, null);
    }

    /**
     * @param cachedTargets the teacher's embedding of every training image (row = index into the
     *     training set), or null to run the teacher on every batch
     */
    public TeacherStep(EmbeddingNet teacher, AutoCloseable owner, EmbeddingLoss loss,
            Embeddings cachedTargets) {
        this.teacher = teacher;
        this.owner = owner;
        this.loss = loss;
        this.cachedTargets = cachedTargets;
    }

    /** Whether the config asks for the teacher's targets to be computed once. */
    public static boolean cachesTeacher(java.util.Map<String, String> methodParams) {
        String text = methodParams.getOrDefault(TEACHER_CACHE, "false").trim();
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("method parameter " + TEACHER_CACHE
                    + " must be true or false, got '" + text + "'");
        }
        return text.equals("true");
    }

    /**
     * Checks, without loading its network, that the config's teacher run exists, has trained
     * parameters and fits the data and the loss.
     */
    public static void checkTeacherRun(TrainingConfig config, Dataset dataset) {
        RunDirectory run = new RunDirectory(Path.of(config.teacherRun()));
        RunManifest manifest;
        try {
            manifest = run.readManifest();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use --teacher-run " + config.teacherRun()
                    + ": " + e.getMessage(), e);
        }
        if (!java.nio.file.Files.isRegularFile(run.modelFile()) && !run.hasCheckpoint()) {
            throw new IllegalArgumentException("cannot use --teacher-run " + run + ": it has not"
                    + " trained yet (no model.params, no checkpoint)");
        }
        EmbeddingLoss loss = config.lossSpec().build();
        checkCompatible(manifest, run, dataset, config.model().embeddingDim(), loss);
    }

    /** Loads the config's teacher run and its loss, after checking the teacher fits the data. */
    public static TeacherStep open(TrainingConfig config, Dataset dataset, Device device) {
        EmbeddingLoss loss = config.lossSpec().build();
        RunDirectory run = new RunDirectory(Path.of(config.teacherRun()));
        TrainedModel model;
        try {
            model = TrainedModel.open(run, device);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the teacher run " + run + ": " + e.getMessage(), e);
        }
        try {
            checkCompatible(model.manifest(), run, dataset, config.model().embeddingDim(), loss);
            // the teacher run's own train-gallery cache: built once, shared by all its students
            Embeddings cached = cachesTeacher(config.methodParams())
                    ? ImageSearch.open(model, dataset, "train", ProgressListener.NONE,
                            Cancellation.none(), problem -> { }).index().embeddings()
                    : null;
            return new TeacherStep(model.net(), model, loss, cached);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot embed the training set with the teacher run "
                    + run + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * @throws IllegalArgumentException when the teacher was trained on images of another shape or
     *     normalisation, or its embedding size differs where the loss compares vectors directly
     */
    public static void checkCompatible(RunManifest teacher, RunDirectory run, Dataset dataset,
            int studentDim, EmbeddingLoss loss) {
        ImageSet train = dataset.train();
        RunManifest.DataInfo data = teacher.data();
        if (data.channels() != train.channels() || data.height() != train.height()
                || data.width() != train.width()) {
            throw new IllegalArgumentException("the teacher run " + run + " takes " + data.channels()
                    + "x" + data.height() + "x" + data.width() + " images but '" + dataset.name()
                    + "' has " + train.channels() + "x" + train.height() + "x" + train.width()
                    + "; train the teacher on data of the same shape");
        }
        Normalization ours = Normalization.fit(train);
        if (!ours.equals(teacher.normalization())) {
            throw new IllegalArgumentException("the teacher run " + run + " normalises its input with "
                    + teacher.normalization() + " (fitted on '" + data.name() + "') but the student's"
                    + " data '" + dataset.name() + "' gives " + ours
                    + "; train the teacher on the same training set as the student");
        }
        int teacherDim = teacher.config().model().embeddingDim();
        if (loss.comparesVectorsAcrossSpaces() && teacherDim != studentDim) {
            throw new IllegalArgumentException("the teacher run " + run + " embeds into " + teacherDim
                    + " dimensions but the student into " + studentDim + "; '" + loss.getName()
                    + "' compares the two directly, so give the student --embedding-dim "
                    + teacherDim + " (rkd and darkrank alone allow different sizes)");
        }
    }

    @Override
    public float forwardBackward(Batch batch, int epoch, int step) {
        try (GradientCollector collector = batch.trainer().newGradientCollector()) {
            NDArray targets = cachedTargets != null
                    ? cachedRows(batch)
                    : teacher.forward(new ParameterStore(batch.scope(), false),
                            new NDList(batch.images()), false).head().stopGradient();
            NDArray embeddings = batch.trainer().forward(new NDList(batch.images())).head();
            NDArray value = loss.compute(embeddings, batch.labels(), null, targets);
            float result = value.getFloat();
            BatchStep.checkFinite(result, batch.net(), embeddings, epoch, step);
            collector.backward(value);
            return result;
        }
    }

    private NDArray cachedRows(Batch batch) {
        Embeddings rows = cachedTargets.select(batch.indices());
        return batch.scope().create(rows.data(), new Shape(rows.count(), rows.dim()));
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not release the teacher: " + e.getMessage(), e);
            }
        }
    }
}
