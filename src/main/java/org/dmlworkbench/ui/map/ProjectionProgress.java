package org.dmlworkbench.ui.map;

import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.dmlworkbench.ui.runview.LatestOnFx;

/**
 * What the map shows of its background work: whether it runs, how far, and the current step. A
 * projection's high-rate progress reaches the JavaFX thread coalesced, and a report that arrives
 * after the work has finished is dropped.
 */
final class ProjectionProgress {

    /** One progress report of a projection. */
    private record Step(String name, long done, long total, String unit) {}

    private final ReadOnlyBooleanWrapper projecting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final LatestOnFx<Step> progressUpdates = new LatestOnFx<>(step -> {
        if (projecting.get()) {
            progress.set(step.total() > 0 ? (double) step.done() / step.total() : -1);
            progressText.set(step.total() > 1 ? String.format(Locale.ROOT, "%s %,d/%,d",
                    step.name(), step.done(), step.total()) : step.name() + "...");
        }
    });

    /** Shows work under way, of no known length yet, as {@code text}. */
    void start(String text) {
        projecting.set(true);
        progress.set(-1);
        progressText.set(text);
    }

    /** Hands a report over from any thread; only the latest reaches the JavaFX thread. */
    void post(String name, long done, long total, String unit) {
        progressUpdates.post(new Step(name, done, total, unit));
    }

    /** Shows no work under way, with {@code text} in place of the step. */
    void finish(String text) {
        projecting.set(false);
        progress.set(0);
        progressText.set(text);
    }

    boolean isProjecting() {
        return projecting.get();
    }

    ReadOnlyBooleanProperty projectingProperty() {
        return projecting.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the current step has no known length. */
    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }
}
