package org.dmlworkbench.training.launch;

import java.io.IOException;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.guided.GuidedPipeline;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.MetricTrainer;
import org.dmlworkbench.training.TrainingConfig;
import org.dmlworkbench.training.TrainingControl;
import org.dmlworkbench.training.TrainingJob;
import org.dmlworkbench.training.TrainingObserver;

/**
 * Starts or resumes a run with the trainer its method needs, so the CLI, studies and the window
 * train every method the same way. Guided runs train a master before the student; the others
 * are a single metric-learning loop.
 */
public final class TrainingJobs {

    private TrainingJobs() {}

    public static TrainingJob create(RunDirectory run, TrainingConfig config, Dataset dataset,
            TrainingObserver observer, TrainingControl control) throws IOException {
        return config.method().equals("guided")
                ? GuidedPipeline.create(run, config, dataset, observer, control)
                : MetricTrainer.create(run, config, dataset, observer, control);
    }

    public static TrainingJob resume(RunDirectory run, Dataset dataset, TrainingObserver observer,
            TrainingControl control) throws IOException {
        return run.readManifest().config().method().equals("guided")
                ? GuidedPipeline.resume(run, dataset, observer, control)
                : MetricTrainer.resume(run, dataset, observer, control);
    }
}
