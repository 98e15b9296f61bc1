package org.dmlworkbench.io;

import java.nio.file.Path;

/**
 * Where the workbench keeps user data: runs, downloaded data sets, caches. Never the install
 * folder. Order: system property {@code dmlwb.home}, environment {@code DMLWB_HOME},
 * {@code ~/.dml-workbench}.
 */
public final class WorkbenchHome {

    public static final String PROPERTY = "dmlwb.home";
    public static final String ENVIRONMENT = "DMLWB_HOME";

    private WorkbenchHome() {}

    public static Path root() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".dml-workbench");
    }

    /** Default parent of new runs. */
    public static Path runs() {
        return root().resolve("runs");
    }

    /** Downloaded data sets (the locator's second lookup place). */
    public static Path datasets() {
        return root().resolve("datasets");
    }
}
