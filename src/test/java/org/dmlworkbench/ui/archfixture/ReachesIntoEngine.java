package org.dmlworkbench.ui.archfixture;

import org.dmlworkbench.loss.miners.TripletMiner;
import org.dmlworkbench.model.Involution;

/** A window class that ArchitectureTest's ui rules must refuse; never production code. */
public final class ReachesIntoEngine {
    public Class<?> miner() {
        return TripletMiner.class;
    }

    public Class<?> block() {
        return Involution.class;
    }
}
