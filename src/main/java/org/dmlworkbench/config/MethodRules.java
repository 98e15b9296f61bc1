package org.dmlworkbench.config;

import java.util.Map;
import java.util.Set;
import org.dmlworkbench.loss.LossSpec;

/**
 * What a training method says about a config, before anything trains: its name and parameters,
 * its default loss, the checks a config of the method must pass, and how it is described. The
 * training side of a method (its batch step, its job) extends this in
 * {@code org.dmlworkbench.training.TrainingMethod}; the methods are found as plug-ins by
 * {@link MethodRegistry}, so a config never names one.
 */
public interface MethodRules {

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
     * Checks a config's loss and method parameters, before any data is read, and gives the loss
     * parsed: the config keeps it ({@link TrainingConfig#lossSpec()}), so this is the one place a
     * config's loss text is read.
     *
     * @return the parsed loss; null when the method trains with its own losses
     *     ({@link #lossIsChosen()} false), whose name is no loss expression
     * @throws IllegalArgumentException with one sentence naming the option and what to do
     */
    LossSpec validate(String loss, Map<String, String> lossParams, Map<String, String> methodParams);

    /**
     * Checks the batch size against the method's settings when the config is built (a method
     * whose cost grows faster than the batch refuses sizes it cannot hold); none by default.
     *
     * @throws IllegalArgumentException one sentence naming the options to change
     */
    default void checkBatchSize(Map<String, String> methodParams, int batchSize) {
    }

    /** The effective loss settings a run's config.json records. */
    Map<String, Object> describeLoss(TrainingConfig config);

    /** How a config trains, for a summary line: "metric learning", "Guided DML ...". */
    default String describe(TrainingConfig config) {
        return title();
    }
}
