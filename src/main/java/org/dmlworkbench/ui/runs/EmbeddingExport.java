package org.dmlworkbench.ui.runs;

import java.io.IOException;
import java.nio.file.Path;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.evaluation.ProjectorExport;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.run.TrainedModel;
import org.dmlworkbench.training.Devices;
import org.dmlworkbench.ui.training.RunDatasets;

/**
 * Embeds a run's test split with its trained model and writes the two files the TensorBoard
 * Embedding Projector loads: {@code RUN-NAME-vectors.tsv} and {@code RUN-NAME-metadata.tsv}.
 */
public final class EmbeddingExport {

    private static final int BATCH = 256;

    /** What was written. */
    public record Result(Path vectors, Path metadata, int rows, int dim) {}

    private EmbeddingExport() {}

    /** Slow (loads data and the model, embeds): call it off the UI thread. */
    public static Result write(RunDirectory run, Dataset loaded, DatasetLocator.Options options,
            Path folder, ProgressListener progress, Cancellation cancel) throws IOException {
        RunManifest manifest = run.readManifest();
        Dataset data = RunDatasets.forRun(manifest, loaded, options);
        RunManifest.DataInfo trained = manifest.data();
        if (data.test().channels() != trained.channels() || data.test().height() != trained.height()
                || data.test().width() != trained.width()) {
            throw new IOException("the data '" + data.name() + "' has " + data.test().channels() + "x"
                    + data.test().height() + "x" + data.test().width() + " images but " + run.name()
                    + " was trained on " + trained.channels() + "x" + trained.height() + "x"
                    + trained.width());
        }
        try (TrainedModel model = TrainedModel.open(run, Devices.resolve("auto"))) {
            Embeddings embeddings = model.embedder(BATCH).embed(data.test(), progress, cancel);
            Path vectors = folder.resolve(run.name() + "-vectors.tsv");
            Path metadata = folder.resolve(run.name() + "-metadata.tsv");
            ProjectorExport.write(vectors, metadata, embeddings, data.test().labels(), data.classNames());
            return new Result(vectors, metadata, embeddings.count(), embeddings.dim());
        }
    }
}
