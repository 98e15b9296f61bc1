package org.dmlworkbench.guided;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.training.BatchStep;
import org.dmlworkbench.config.TrainingConfig;

/**
 * Stage 2 of Guided DML (Algorithm 2): the student embeds the batch and regresses the master's
 * embedding of each image (Z-hat, picked by the batch's indices into the training set); the loss
 * is the mean Euclidean distance to the targets.
 */
public final class GuidedStudentStep implements BatchStep {

    private final NpyMatrix targets;

    public GuidedStudentStep(NpyMatrix targets) {
        this.targets = targets;
    }

    /** Reads Z-hat from the config's master folder and checks it fits the data and the model. */
    public static GuidedStudentStep open(TrainingConfig config, Dataset dataset) {
        GuidedSettings settings = GuidedSettings.from(config.methodParams());
        if (settings.masterDir() == null) {
            throw new IllegalArgumentException("the guided student needs its master: train with"
                    + " 'train --method guided' (GuidedPipeline), which trains the master first,"
                    + " or give --method-param " + GuidedSettings.MASTER_DIR + "=FOLDER");
        }
        MasterFiles files = new MasterFiles(settings.masterDir());
        if (!files.complete()) {
            throw new IllegalArgumentException(files.root() + " holds no complete guided master"
                    + " (master.json, model.params and targets.npy)");
        }
        NpyMatrix matrix;
        try {
            matrix = NpyMatrix.read(files.targets());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master's targets " + files.targets(), e);
        }
        if (matrix.rows() != dataset.train().size()) {
            throw new IllegalArgumentException(files.targets() + " holds " + matrix.rows()
                    + " targets but '" + dataset.name() + "' has " + dataset.train().size()
                    + " training images; the master must come from the same data");
        }
        if (matrix.columns() != config.model().embeddingDim()) {
            throw new IllegalArgumentException("the master embeds into " + matrix.columns()
                    + " dimensions but the student into " + config.model().embeddingDim()
                    + "; give the student --embedding-dim " + matrix.columns());
        }
        return new GuidedStudentStep(matrix);
    }

    @Override
    public float forwardBackward(Batch batch, int epoch, int step) {
        int dim = targets.columns();
        int[] indices = batch.indices();
        float[] rows = new float[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(targets.data(), indices[i] * dim, rows, i * dim, dim);
        }
        NDArray wanted = batch.scope().create(rows, new Shape(indices.length, dim));
        try (GradientCollector collector = batch.trainer().newGradientCollector()) {
            NDArray embeddings = batch.trainer().forward(new NDList(batch.images())).head();
            NDArray value = GeminiLoss.distance(embeddings, wanted).mean();
            float result = value.getFloat();
            BatchStep.checkFinite(result, batch.net(), embeddings, epoch, step);
            collector.backward(value);
            return result;
        }
    }
}
