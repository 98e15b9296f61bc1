package org.dmlworkbench.training;

import java.io.IOException;
import org.dmlworkbench.model.EmbeddingNet;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.training.optim.CheckpointableOptimizer;

/**
 * The checkpoint listener of a run's {@link TrainingLoop}: a checkpoint when a stop request ends
 * the loop, at the end of every epoch, and within an epoch every N steps or every so many seconds
 * (whichever the run's config asks for first). The epoch's own checkpoint covers its last step,
 * so none is taken twice there.
 */
final class RunCheckpoints implements TrainingLoop.Listener {

    private final RunDirectory run;
    private final EmbeddingNet net;
    private final CheckpointableOptimizer optimizer;
    private final int everySteps;
    private final double everySeconds;
    private final TrainingObserver observer;
    private long lastCheckpointNanos = System.nanoTime();

    /**
     * @param everySteps a checkpoint every this many steps; 0 for none by steps
     * @param everySeconds a checkpoint when this many seconds have passed since the last
     */
    RunCheckpoints(RunDirectory run, EmbeddingNet net, CheckpointableOptimizer optimizer,
            int everySteps, double everySeconds, TrainingObserver observer) {
        this.run = run;
        this.net = net;
        this.optimizer = optimizer;
        this.everySteps = everySteps;
        this.everySeconds = everySeconds;
        this.observer = observer;
    }

    @Override
    public void afterStep(TrainingLoop.StepDone done) throws IOException {
        if (!done.lastOfEpoch() && due(done.after().globalStep())) {
            save(done.after());
        }
    }

    @Override
    public void afterEpoch(TrainingLoop.EpochDone done) throws IOException {
        save(done.next());
    }

    @Override
    public void stopped(Checkpoint.Position position) throws IOException {
        save(position);
    }

    private boolean due(long globalStep) {
        boolean bySteps = everySteps > 0 && globalStep % everySteps == 0;
        boolean byTime = (System.nanoTime() - lastCheckpointNanos) / 1e9 >= everySeconds;
        return bySteps || byTime;
    }

    private void save(Checkpoint.Position position) throws IOException {
        Checkpoint.save(run, position, net, optimizer);
        lastCheckpointNanos = System.nanoTime();
        observer.onCheckpoint(run.checkpointFile(), position.completedEpochs(),
                position.stepInEpoch());
    }
}
