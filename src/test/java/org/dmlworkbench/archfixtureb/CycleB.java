package org.dmlworkbench.archfixtureb;

import org.dmlworkbench.archfixturea.CycleA;

/** The other half of the package cycle that ArchitectureTest's cycle rule must refuse. */
public final class CycleB {
    public CycleA partner() {
        return new CycleA();
    }
}
