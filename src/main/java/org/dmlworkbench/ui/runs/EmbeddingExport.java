package org.dmlworkbench.ui.runs;

import java.io.IOException;
import java.nio.file.Path;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.projection.ProjectorBundle;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.training.Devices;
import org.dmlworkbench.ui.training.RunDatasets;

/**
 * Embeds a run's test split with its trained model and writes a {@link ProjectorBundle} into
 * {@code RUN-NAME-projector/} of the chosen folder: the Embedding Projector's TSV files, sprite
 * and config, and the same embeddings as .npy for Python.
 */
public final class EmbeddingExport {

    private static final int BATCH = 256;

    /** The folder a run's files go to inside the folder the user chose. */
    public static Path target(Path chosen, RunDirectory run) {
        return chosen.resolve(run.name() + "-projector");
    }

    private EmbeddingExport() {}

    /** Slow (loads data and the model, embeds): call it off the UI thread. */
    /**
     * @param replace whether the user agreed to replace export files already in the target
     */
    public static ProjectorBundle.Result write(RunDirectory run, Dataset loaded,
            DatasetLocator.Options options, Path folder, boolean replace,
            ProgressListener progress, Cancellation cancel) throws IOException {
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
            progress.update("Writing the Projector files", 0, -1, "files");
            return ProjectorBundle.write(target(folder, run), embeddings, data.test().labels(),
                    data.classNames(), data.test(), replace, cancel);
        }
    }
}
