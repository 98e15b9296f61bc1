package org.dmlworkbench.training;

import java.io.IOException;
import org.dmlworkbench.run.RunManifest;

/** A run ready to train: plain metric learning, or a method made of several stages. */
public interface TrainingJob {

    /** The resolved config, data and model description the run records. */
    RunManifest manifest();

    /** Trains to the end, to a stop request or to a failure; blocks the calling thread. */
    TrainingOutcome run() throws IOException;
}
