package org.dmlworkbench.ui.runview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.data.DatasetSplits;
import org.dmlworkbench.data.SplitSpec;
import org.dmlworkbench.model.Embeddings;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.run.RunManifest;
import org.dmlworkbench.training.TrainedModel;
import org.dmlworkbench.training.Devices;
import org.dmlworkbench.ui.WorkbenchModel;

/** Opens a run for viewing: network, data (reused when it is the same), test embeddings. */
final class RunOpener {

    /** The split the map shows: held-out images, the ones retrieval is judged on. */
    static final String SHOWN_SPLIT = "test";
    private static final int EMBED_BATCH = 256;

    private final WorkbenchModel model;
    private Dataset fingerprinted;
    private String fingerprint;

    RunOpener(WorkbenchModel model) {
        this.model = model;
    }

    LoadedRun open(RunDirectory run, ParameterStamp stamp, Dataset known, ProgressListener progress,
            Cancellation cancel, ReentrantLock engineLock) throws Exception {
        RunManifest manifest = run.readManifest();
        RunManifest.DataInfo info = manifest.data();
        StringBuilder caveats = new StringBuilder();
        Dataset dataset = known != null && fingerprintOf(known).equals(info.fingerprint()) ? known
                : loadData(info, manifest.config().split(), caveats, progress);
        cancel.throwIfCancelled();
        TrainedModel trained = TrainedModel.open(run, Devices.resolve("auto"));
        try {
            Embeddings embeddings;
            engineLock.lockInterruptibly();
            try {
                embeddings = trained.embedder(EMBED_BATCH).embed(dataset.test(), progress, cancel);
            } finally {
                engineLock.unlock();
            }
            String source = Path.of(trained.parameterSource()).getFileName().toString();
            String notes = String.format(Locale.ROOT, "Run %s: %,d %s images of %s embedded in %d"
                    + " dimensions (parameters from %s).%s", run.name(), embeddings.count(),
                    SHOWN_SPLIT, dataset.name(), embeddings.dim(), source, caveats);
            return new LoadedRun(run, manifest, trained, dataset, SHOWN_SPLIT, embeddings, notes,
                    stamp, fingerprintOf(dataset));
        } catch (Exception | Error e) {
            trained.close();
            throw e;
        }
    }

    /** Loads the run's data by the name (or folder) in its manifest, at the size it trained on. */
    private Dataset loadData(RunManifest.DataInfo info, SplitSpec split, StringBuilder caveats,
            ProgressListener progress) {
        DatasetLocator.Options options = model.dataOptions().withProgress(progress);
        if (!"none".equals(info.conversion())) {
            options = options.withConversion(ConversionPolicy.of(info.channels(), info.height(),
                    info.width()));
        }
        DatasetLocator locator = new DatasetLocator(options);
        Dataset dataset;
        try {
            dataset = locator.load(info.name());
        } catch (RuntimeException byName) {
            Path location = Path.of(info.location());
            if (!Files.isDirectory(location)) {
                throw byName;
            }
            dataset = locator.loadPath(location, info.name());
        }
        dataset = DatasetSplits.apply(dataset, split);
        if (!fingerprintOf(dataset).equals(info.fingerprint())) {
            caveats.append(" The data '").append(info.name()).append("' has changed since the run"
                    + " was trained, so these are not the exact images it was evaluated on.");
        }
        return dataset;
    }

    /** Hashing all pixels takes a moment on large sets: remember the last one. */
    private synchronized String fingerprintOf(Dataset dataset) {
        if (dataset != fingerprinted) {
            fingerprint = dataset.fingerprint();
            fingerprinted = dataset;
        }
        return fingerprint;
    }
}
