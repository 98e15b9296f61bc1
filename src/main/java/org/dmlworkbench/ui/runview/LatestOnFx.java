package org.dmlworkbench.ui.runview;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Hands high-rate values from a worker thread to the JavaFX thread: only the latest value is
 * kept, and at most one hand-over is queued at a time, however often {@link #post} is called.
 */
public final class LatestOnFx<T> {

    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Consumer<T> sink;

    public LatestOnFx(Consumer<T> sink) {
        this.sink = sink;
    }

    public void post(T value) {
        latest.set(value);
        if (queued.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                queued.set(false);
                sink.accept(latest.get());
            });
        }
    }
}
