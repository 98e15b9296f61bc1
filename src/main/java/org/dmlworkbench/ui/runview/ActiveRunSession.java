package org.dmlworkbench.ui.runview;

import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.progress.Cancellation;
import org.dmlworkbench.progress.ProgressListener;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.search.ImageSearch;
import org.dmlworkbench.ui.WorkbenchModel;

/**
 * The run the map and query panels show, opened once for both: when the model's active run
 * changes, the new run's network is opened off the JavaFX thread, its data loaded (or the loaded
 * data reused when it is the same) and its test split embedded; the previous network is closed.
 * Properties change on the JavaFX thread. Engine work with the shared network goes through
 * {@link #useEngine}, one caller at a time.
 */
public final class ActiveRunSession {

    /** Where the session stands. */
    public enum State { NO_RUN, LOADING, READY, FAILED }

    /** Work with the open network. */
    @FunctionalInterface
    public interface EngineWork<T> {
        T run() throws Exception;
    }

    private static final Map<WorkbenchModel, ActiveRunSession> SESSIONS = new IdentityHashMap<>();
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final WorkbenchModel model;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NO_RUN);
    private final ReadOnlyObjectWrapper<LoadedRun> loaded = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(NO_RUN_MESSAGE);
    private final ObjectProperty<MapPoint> selectedPoint = new SimpleObjectProperty<>();
    private final ReentrantLock engineLock = new ReentrantLock();
    /** Searches by run and split; a query still running for a closed run cannot mix them up. */
    private final Map<LoadedRun, Map<String, ImageSearch>> searches = new HashMap<>();
    private final ExecutorService closer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "workbench-model-closer");
        thread.setDaemon(true);
        return thread;
    });
    private final RunOpener opener;
    /** {@link #loaded} for worker threads. */
    private volatile LoadedRun openRun;
    private volatile CompletableFuture<LoadedRun> pending = new CompletableFuture<>();
    private Cancellation loadCancel;
    private RunDirectory requested;
    private ParameterStamp requestedStamp;
    private int generation;
    private boolean shutDown;

    static final String NO_RUN_MESSAGE = "No run is active: train one in Training or open one in"
            + " Runs to see its embeddings here.";

    /**
     * An image of the shown split picked on the map.
     *
     * @param run the run it belongs to
     * @param index its row in {@link LoadedRun#points()} and {@link LoadedRun#embeddings()}
     */
    public record MapPoint(LoadedRun run, int index) {}

    private ActiveRunSession(WorkbenchModel model) {
        this.model = model;
        this.opener = new RunOpener(model);
        model.activeRunProperty().addListener((obs, old, run) -> open(run));
        model.onShutdown(this::shutdown);
        open(model.activeRunProperty().get());
    }

    /** The session of {@code model}, created on first use (on the JavaFX thread). */
    public static ActiveRunSession of(WorkbenchModel model) {
        synchronized (SESSIONS) {
            return SESSIONS.computeIfAbsent(model, ActiveRunSession::new);
        }
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The opened run, or null while none is ready. */
    public ReadOnlyObjectProperty<LoadedRun> loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public LoadedRun loaded() {
        return loaded.get();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** One sentence on the state: what is shown, or why nothing is. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The point picked on the map, for "use the selected map point" in Query. */
    public ObjectProperty<MapPoint> selectedPointProperty() {
        return selectedPoint;
    }

    /**
     * Waits (off the JavaFX thread) until the active run is open and embedded.
     *
     * @throws IllegalStateException when no run is active or it has no parameters yet
     * @throws ExecutionException when opening it failed (the cause says why)
     * @throws TimeoutException when it is not ready in time
     */
    public LoadedRun awaitReady(Duration timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CompletableFuture<LoadedRun> future = pending;
            try {
                LoadedRun run = future.get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (run == null) {
                    throw new IllegalStateException(message.get());
                }
                return run;
            } catch (CancellationException superseded) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the active run changed while waiting");
                }
            }
        }
    }

    /**
     * Runs engine work with {@code run}'s network, one caller at a time.
     *
     * @throws IllegalStateException when {@code run} was closed because another run became active
     */
    public <T> T useEngine(LoadedRun run, EngineWork<T> work) throws Exception {
        engineLock.lockInterruptibly();
        try {
            if (run.isClosed()) {
                throw new IllegalStateException("the run " + run.run().name()
                        + " was closed because another run became active");
            }
            return work.run();
        } finally {
            engineLock.unlock();
        }
    }

    /**
     * The image search over {@code split} of {@code run}, built (or read from the run's cache)
     * on first use and kept for the session. Call off the JavaFX thread.
     */
    public ImageSearch search(LoadedRun run, String split, ProgressListener progress,
            Cancellation cancel) throws Exception {
        return useEngine(run, () -> {
            synchronized (searches) {
                ImageSearch cached = searches.getOrDefault(run, Map.of()).get(split);
                if (cached != null) {
                    return cached;
                }
            }
            ImageSearch search = ImageSearch.open(run.model(), run.dataset(), split, progress,
                    cancel, problem -> model.jobs().say(problem));
            synchronized (searches) {
                if (run == openRun) {
                    searches.computeIfAbsent(run, key -> new HashMap<>()).put(split, search);
                }
            }
            return search;
        });
    }

    /**
     * Reopens the active run when its parameters changed since it was opened (training went on,
     * or finished), or opens it when it had none. Cheap: two file checks.
     */
    public void refreshIfChanged() {
        RunDirectory run = model.activeRunProperty().get();
        if (run != null && !ParameterStamp.of(run).equals(requestedStamp)) {
            open(run);
        }
    }

    private void open(RunDirectory run) {
        if (shutDown) {
            return;
        }
        ParameterStamp stamp = run == null ? null : ParameterStamp.of(run);
        if (run != null && requested != null && run.root().equals(requested.root())
                && stamp.equals(requestedStamp) && state.get() != State.FAILED) {
            return;
        }
        int request = ++generation;
        requested = run;
        requestedStamp = stamp;
        if (loadCancel != null) {
            loadCancel.cancel();
            loadCancel = null;
        }
        retire();
        CompletableFuture<LoadedRun> future = new CompletableFuture<>();
        pending.cancel(false);
        pending = future;
        if (run == null || !stamp.hasParameters()) {
            state.set(State.NO_RUN);
            message.set(run == null ? NO_RUN_MESSAGE : "Run " + run.name()
                    + " has not trained a step yet: its map and search appear once it has a"
                    + " checkpoint.");
            future.complete(null);
            return;
        }
        state.set(State.LOADING);
        message.set("Opening run " + run.name() + "...");
        Dataset known = model.datasetProperty().get();
        loadCancel = model.jobs().submit("Opening run " + run.name(),
                (progress, cancel) -> opener.open(run, stamp, known, progress, cancel, engineLock),
                result -> {
                    if (shutDown) {
                        result.close();
                        return;
                    }
                    if (request != generation) {
                        closer.submit(() -> closeWhenFree(result));
                        return;
                    }
                    openRun = result;
                    loaded.set(result);
                    state.set(State.READY);
                    ready.set(true);
                    message.set(result.notes());
                    future.complete(result);
                },
                error -> {
                    if (request != generation) {
                        return;
                    }
                    state.set(State.FAILED);
                    message.set("Cannot show run " + run.name() + ": " + ErrorText.of(error));
                    future.completeExceptionally(error);
                });
    }

    /** Forgets the shown run and closes its network once no engine work uses it. */
    private void retire() {
        LoadedRun previous = loaded.get();
        openRun = null;
        loaded.set(null);
        ready.set(false);
        selectedPoint.set(null);
        synchronized (searches) {
            searches.clear();
        }
        if (previous != null) {
            closer.submit(() -> closeWhenFree(previous));
        }
    }

    private void closeWhenFree(LoadedRun run) {
        engineLock.lock();
        try {
            run.close();
        } finally {
            engineLock.unlock();
        }
    }

    private void shutdown() {
        shutDown = true;
        if (loadCancel != null) {
            loadCancel.cancel();
        }
        LoadedRun open = loaded.get();
        try {
            // A query still running keeps the lock briefly; do not hang the window's close on it.
            if (engineLock.tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                try {
                    if (open != null) {
                        open.close();
                    }
                } finally {
                    engineLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closer.shutdown();
        synchronized (SESSIONS) {
            SESSIONS.remove(model);
        }
    }

    @Override
    public String toString() {
        return "ActiveRunSession[" + state.get() + ", " + Objects.toString(loaded.get()) + "]";
    }
}
