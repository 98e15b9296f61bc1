package org.dmlworkbench.ui.training;

import org.dmlworkbench.data.ConversionPolicy;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.data.DatasetLocator;
import org.dmlworkbench.run.RunManifest;

/** Finds the data a run was trained on, for resuming it or embedding with it. */
public final class RunDatasets {

    private RunDatasets() {}

    /**
     * The data set already loaded when it is the one the run recorded (same content
     * fingerprint), else the run's data loaded again by the name it was trained with. Slow (reads
     * and hashes images): call it off the UI thread.
     */
    public static Dataset forRun(RunManifest manifest, Dataset loaded, DatasetLocator.Options options) {
        if (loaded != null && loaded.fingerprint().equals(manifest.data().fingerprint())) {
            return loaded;
        }
        return new DatasetLocator(options.withConversion(ConversionPolicy.square(
                manifest.config().imageSize()))).load(manifest.config().data(), manifest.config().split());
    }
}
