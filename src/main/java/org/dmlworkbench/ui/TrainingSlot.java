package org.dmlworkbench.ui;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window trains one job at a time: the Training panel and the Study panel take this slot
 * before they train and give it back once their training thread has ended. Two trainings in one
 * process clash in the engine (only one gradient collector may record at a time) and would share
 * the processor anyway. Used on the JavaFX thread only.
 */
public final class TrainingSlot {

    private final ReadOnlyStringWrapper holder = new ReadOnlyStringWrapper("");

    /**
     * Takes the slot for {@code job}, named as a sentence can say it ("the study 'x' (Study tab)").
     *
     * @return false, taking nothing, when another job holds it
     */
    public boolean take(String job) {
        if (job == null || job.isEmpty()) {
            throw new IllegalArgumentException("a job taking the training slot needs a name");
        }
        if (!holder.get().isEmpty()) {
            return false;
        }
        holder.set(job);
        return true;
    }

    /** Gives the slot back; does nothing unless {@code job} holds it. */
    public void release(String job) {
        if (holder.get().equals(job)) {
            holder.set("");
        }
    }

    /** The job that trains now, "" when none does. */
    public ReadOnlyStringProperty holderProperty() {
        return holder.getReadOnlyProperty();
    }

    public boolean isFree() {
        return holder.get().isEmpty();
    }
}
