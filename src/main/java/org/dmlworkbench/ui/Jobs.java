package org.dmlworkbench.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.CancelledException;
import org.dmlworkbench.progress.ProgressListener;

/**
 * Runs engine work off the JavaFX thread and reports it to the status bar: one message, one
 * progress value (-1 while indeterminate), and whether anything is running. Results and errors
 * come back on the JavaFX thread.
 */
public final class Jobs {

    /** Engine work: gets a progress listener and a cancellation flag. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress, Cancellation cancel) throws Exception;
    }

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "workbench-job");
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private int running;

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Shows a message in the status bar (any thread). */
    public void say(String text) {
        onFx(() -> message.set(text));
    }

    /**
     * Starts {@code work} in the background; the status bar shows it while it runs and how it
     * ended.
     *
     * @return the cancellation flag of the job (for a Cancel button)
     */
    public <T> Cancellation submit(String title, Work<T> work, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        return start(title, true, work, onSuccess, onFailure);
    }

    /**
     * Starts housekeeping work the user did not ask for (a recount, a listing) that its panel
     * shows itself: the status bar keeps what it says, so it never ends up reporting, on another
     * panel, that such work is "done".
     */
    public <T> Cancellation submitQuietly(String title, Work<T> work, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        return start(title, false, work, onSuccess, onFailure);
    }

    private <T> Cancellation start(String title, boolean announce, Work<T> work, Consumer<T> onSuccess,
            Consumer<Throwable> onFailure) {
        Cancellation cancel = new Cancellation();
        if (executor.isShutdown()) {
            // The window is closing: late requests (a debounced recount, a reload) are dropped.
            cancel.cancel();
            return cancel;
        }
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                ProgressListener listener = (name, done, total, unit) -> {
                    updateMessage(title + ": " + name + " " + done + (total > 0 ? "/" + total : "")
                            + " " + unit);
                    if (total > 0) {
                        updateProgress(done, total);
                    }
                };
                return work.run(listener, cancel);
            }
        };
        if (announce) {
            task.messageProperty().addListener((obs, old, text) -> message.set(text));
            task.progressProperty().addListener((obs, old, value) -> progress.set(value.doubleValue()));
        }
        task.setOnSucceeded(e -> {
            if (announce) {
                finished(title + ": done");
            }
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            if (error instanceof CancelledException) {
                if (announce) {
                    finished(title + ": cancelled");
                }
            } else {
                if (announce) {
                    finished(title + " failed: " + UiErrors.describe(error));
                }
                onFailure.accept(error);
            }
        });
        if (announce) {
            started(title);
        }
        executor.submit(task);
        return cancel;
    }

    private void started(String title) {
        running++;
        busy.set(true);
        message.set(title + "...");
        progress.set(-1);
    }

    private void finished(String text) {
        running--;
        busy.set(running > 0);
        message.set(text);
        progress.set(running > 0 ? -1 : 0);
    }

    static void onFx(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
