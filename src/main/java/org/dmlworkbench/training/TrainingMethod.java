package org.dmlworkbench.training;

import ai.djl.Device;
import java.io.IOException;
import org.dmlworkbench.config.MethodRules;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.run.RunDirectory;

/**
 * A way to train an embedding model (metric learning, asymmetric transfer from a teacher run,
 * Guided DML) on its training side; {@link MethodRules} is what it says about a config. Each
 * method lives in its own package and is found as a plug-in ({@link TrainingMethods}, listed in
 * {@code META-INF/services}), so the training loop, the config and the window never name a
 * method: they ask it.
 *
 * <p>Every method trains with the one resumable loop ({@link MetricTrainer}); what differs is
 * how a batch is run ({@link #openStep}) and, for a method with stages before it, the job
 * around the loop ({@link #create}, {@link #resume}).
 */
public interface TrainingMethod extends MethodRules {

    /**
     * The loss DJL's trainer is configured with. A method whose batch step computes its own loss
     * (from a teacher's or a master's targets) gives a {@link StepOwnedLoss}.
     */
    default EmbeddingLoss trainerLoss(TrainingConfig config) {
        return new StepOwnedLoss(config.loss(), describeLoss(config));
    }

    /** True when the model is trained with a classifier head (a loss reads the logits). */
    default boolean trainsClassifier(TrainingConfig config) {
        return false;
    }

    /** Refuses, before anything is written, a config that cannot train on this data. */
    default void checkCanTrain(TrainingConfig config, Dataset dataset) {}

    /** How each batch is run. */
    BatchStep openStep(TrainingConfig config, EmbeddingLoss loss, Dataset dataset, Device device);

    /** A new run of this method in {@code run}. */
    default TrainingJob create(RunDirectory run, TrainingConfig config, Dataset dataset,
            TrainingObserver observer, TrainingControl control) throws IOException {
        return MetricTrainer.create(run, config, dataset, observer, control);
    }

    /** Continues a run of this method from its last good checkpoint. */
    default TrainingJob resume(RunDirectory run, Dataset dataset, TrainingObserver observer,
            TrainingControl control) throws IOException {
        return MetricTrainer.resume(run, dataset, observer, control);
    }
}
