package org.dmlworkbench.archfixturea;

import org.dmlworkbench.archfixtureb.CycleB;

/** Half of a package cycle that ArchitectureTest's cycle rule must refuse; never production code. */
public final class CycleA {
    public CycleB partner() {
        return new CycleB();
    }
}
