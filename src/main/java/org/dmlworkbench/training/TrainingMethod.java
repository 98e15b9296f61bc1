package org.dmlworkbench.training;

import ai.djl.Device;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.loss.EmbeddingLoss;
import org.dmlworkbench.run.RunDirectory;

/**
 * A way to train an embedding model: metric learning, asymmetric transfer from a teacher run,
 * Guided DML. Each method lives in its own package and is found as a plug-in
 * ({@link TrainingMethods}, listed in {@code META-INF/services}), so the training loop, the
 * config and the window never name a method: they ask it.
 *
 * <p>Every method trains with the one resumable loop ({@link MetricTrainer}); what differs is
 * how a batch is run ({@link #openStep}) and, for a method with stages before it, the job
 * around the loop ({@link #create}, {@link #resume}).
 */
public interface TrainingMethod {

    /** As in {@link TrainingConfig#method()} and {@code --method}: "metric", "guided", ... */
    String name();

    /** For the window's method list. */
    String title();

    /** One line on what the method does, for the window. */
    String summary();

    /** The loss a config of this method gets when none is given. */
    String defaultLoss();

    /** The {@code --method-param} keys the method reads; anything else is refused by name. */
    Set<String> parameterKeys();

    /** True when the method needs {@code --teacher-run}. */
    default boolean needsTeacherRun() {
        return false;
    }

    /** False when the method trains with its own fixed losses (its default is the only one). */
    default boolean lossIsChosen() {
        return true;
    }

    /** True when the method can split a batch into two-pass chunks ({@code --chunk}). */
    default boolean takesChunks() {
        return false;
    }

    /**
     * Checks a config's loss and method parameters, before any data is read.
     *
     * @throws IllegalArgumentException with one sentence naming the option and what to do
     */
    void validate(String loss, Map<String, String> lossParams, Map<String, String> methodParams);

    /** The effective loss settings a run's config.json records. */
    Map<String, Object> describeLoss(TrainingConfig config);

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

    /** How a config trains, for a summary line: "metric learning", "Guided DML ...". */
    default String describe(TrainingConfig config) {
        return title();
    }

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
