package org.dmlworkbench.training.launch;

import java.io.IOException;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingJob;
import org.dmlworkbench.training.TrainingMethods;
import org.dmlworkbench.training.TrainingObserver;

/**
 * Starts or resumes a run with the trainer its method needs, so the CLI, studies and the window
 * train every method the same way: each method ({@link org.dmlworkbench.training.TrainingMethod})
 * says what job its runs are (Guided DML trains a master before the student; the others are the
 * one training loop).
 */
public final class TrainingJobs {

    private TrainingJobs() {}

    public static TrainingJob create(RunDirectory run, TrainingConfig config, Dataset dataset,
            TrainingObserver observer, TrainingControl control) throws IOException {
        return TrainingMethods.byName(config.method()).create(run, config, dataset, observer, control);
    }

    public static TrainingJob resume(RunDirectory run, Dataset dataset, TrainingObserver observer,
            TrainingControl control) throws IOException {
        return TrainingMethods.byName(run.readManifest().config().method())
                .resume(run, dataset, observer, control);
    }
}
