package org.dmlworkbench.ui.map;

import org.dmlworkbench.projection.BarnesHutTsneProjector;
import org.dmlworkbench.projection.ExactTsneProjector;
import org.dmlworkbench.projection.IdentityProjector;
import org.dmlworkbench.projection.PcaProjector;
import org.dmlworkbench.projection.Projector;
import org.dmlworkbench.projection.UmapProjector;

/** The projection methods the map offers, by name: which projector computes each, and which are quick. */
final class ProjectionMethods {

    private ProjectionMethods() {}

    /** Whether {@code name} is quick enough to compute without the user pressing Project. */
    static boolean isQuick(String name) {
        return name.equals(PcaProjector.METHOD) || name.equals(IdentityProjector.METHOD);
    }

    static Projector projector(String name) {
        return switch (name) {
            case PcaProjector.METHOD -> new PcaProjector();
            case BarnesHutTsneProjector.METHOD -> new BarnesHutTsneProjector();
            case ExactTsneProjector.METHOD -> new ExactTsneProjector();
            case UmapProjector.METHOD -> new UmapProjector();
            case IdentityProjector.METHOD -> new IdentityProjector();
            default -> throw new IllegalArgumentException("unknown projection '" + name + "'");
        };
    }
}
