package org.dmlworkbench.ui.map;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dmlworkbench.projection.Projection;
import org.dmlworkbench.ui.runview.LoadedRun;

/**
 * Projections by run content and method, kept for the session across run switches: the most
 * recently used {@value #KEPT_PROJECTIONS}.
 */
final class KeptProjections {

    private static final int KEPT_PROJECTIONS = 24;

    private final Map<String, Projection> projections =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(
                        Map.Entry<String, Projection> eldest) {
                    return size() > KEPT_PROJECTIONS;
                }
            };

    /** The kept projection of {@code run} by {@code method}, or null. */
    Projection get(LoadedRun run, String method) {
        return projections.get(key(run, method));
    }

    boolean contains(LoadedRun run, String method) {
        return projections.containsKey(key(run, method));
    }

    void put(LoadedRun run, Projection projection) {
        projections.put(key(run, projection.method()), projection);
    }

    private static String key(LoadedRun run, String method) {
        return run.contentKey() + "|" + method;
    }
}
