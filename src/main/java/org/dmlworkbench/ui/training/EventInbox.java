package org.dmlworkbench.ui.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dmlworkbench.training.TrainingObserver;

/**
 * Where the training thread leaves its events for the UI thread to collect in one go a few times
 * per second, so hundreds of steps per second cost the UI one update per drain rather than one
 * task per step. Adding never waits for the UI: it is an array append under a lock the UI holds
 * only to swap buffers.
 */
final class EventInbox {

    /** Evaluation or embedding progress between epochs. */
    record Phase(String name, long done, long total) {}

    /**
     * What arrived since the last drain, to apply in this order: history, start, steps, epochs,
     * phase.
     *
     * @param history epochs a resumed run finished before (null when none arrived)
     * @param start the start report, or null
     * @param positions epoch position of each step (epoch index + step / steps per epoch)
     * @param losses loss of each step, same order
     * @param latest the newest step, or null when none arrived
     * @param phase the newest phase report after the newest step, or null
     */
    record Drained(List<EpochRow> history, TrainingObserver.Start start, double[] positions,
            float[] losses, TrainingObserver.Step latest, List<TrainingObserver.Epoch> epochs,
            Phase phase) {

        int stepCount() {
            return losses.length;
        }
    }

    private List<EpochRow> history;
    private TrainingObserver.Start start;
    private double[] positions = new double[256];
    private float[] losses = new float[256];
    private int count;
    private TrainingObserver.Step latest;
    private List<TrainingObserver.Epoch> epochs = new ArrayList<>();
    private Phase phase;

    synchronized void history(List<EpochRow> rows) {
        history = List.copyOf(rows);
    }

    synchronized void start(TrainingObserver.Start value) {
        start = value;
    }

    synchronized void step(TrainingObserver.Step step) {
        if (count == losses.length) {
            positions = Arrays.copyOf(positions, count * 2);
            losses = Arrays.copyOf(losses, count * 2);
        }
        positions[count] = step.epoch() + (double) step.step() / step.stepsPerEpoch();
        losses[count] = step.loss();
        count++;
        latest = step;
        phase = null;
    }

    synchronized void epoch(TrainingObserver.Epoch epoch) {
        epochs.add(epoch);
        phase = null;
    }

    synchronized void phase(String name, long done, long total) {
        phase = new Phase(name, done, total);
    }

    synchronized Drained drain() {
        Drained drained = new Drained(history, start, Arrays.copyOf(positions, count),
                Arrays.copyOf(losses, count), latest, epochs, phase);
        history = null;
        start = null;
        count = 0;
        latest = null;
        epochs = new ArrayList<>();
        phase = null;
        return drained;
    }
}
