package org.dmlworkbench.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import org.dmlworkbench.config.TrainingConfig;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.TrainingOutcome;

/**
 * Drives the real window from a thread of its own, as a person would: waits for the data, trains
 * through the Training panel. Every touch of the window goes through the FX thread. The
 * self-check ({@link SelfCheck}) runs on it, and so does the test code that renders the docs'
 * screenshots.
 */
final class WindowDriver {

    private static final Duration DATA_TIMEOUT = Duration.ofMinutes(3);
    // An upper bound: on a machine other work shares, an epoch can take many times its usual time.
    private static final Duration TRAIN_TIMEOUT = Duration.ofMinutes(20);

    private final MainController main;
    private final WorkbenchModel model;
    private volatile RunDirectory lastRun;

    WindowDriver(MainController main, WorkbenchModel model) {
        this.main = main;
        this.model = model;
    }

    /**
     * Runs {@code job} on a thread of its own, then closes the window; what the job returns (1
     * when it throws, after one sentence on standard error) becomes the program's exit status.
     */
    static void runThenExit(WorkbenchModel model, String name, Callable<Integer> job) {
        Thread thread = new Thread(() -> {
            int code;
            try {
                code = job.call();
            } catch (Exception e) {
                System.err.println("error: " + UiErrors.describe(e));
                code = 1;
            }
            WorkbenchApp.setExitCode(code);
            Platform.runLater(() -> {
                model.shutdown();
                Platform.exit();
            });
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The data set the window opened, once it is loaded. */
    Dataset awaitDataset() throws Exception {
        await(() -> model.datasetProperty().get() != null, DATA_TIMEOUT);
        return onFx(() -> model.datasetProperty().get());
    }

    /** Trains the window's config for {@code epochs} from the Training panel, to its end. */
    TrainingOutcome train(int epochs) throws Exception {
        TrainingController training = main.panel("training", TrainingController.class);
        onFx(() -> {
            main.select("training");
            TrainingConfig config = model.configProperty().get().toBuilder().epochs(epochs).build();
            model.configProperty().set(config);
            lastRun = training.startTraining(config);
        });
        await(() -> training.outcomeProperty().get() != null && !training.runningProperty().get(), TRAIN_TIMEOUT);
        pause(1000);
        return onFx(() -> training.outcomeProperty().get());
    }

    /** The run folder of the last {@link #train}. */
    RunDirectory lastRun() {
        return lastRun;
    }

    /** Waits until {@code condition}, checked on the FX thread, holds. */
    static void await(BooleanSupplier condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the window did not reach the expected state within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    static void onFx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    static <T> T onFx(Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        Platform.runLater(task);
        return task.get();
    }
}
