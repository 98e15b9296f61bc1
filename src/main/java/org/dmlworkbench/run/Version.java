package org.dmlworkbench.run;

/**
 * The workbench version: from the jar manifest, else from the installer's launcher (jpackage
 * passes {@code jpackage.app-version}), else "dev" when run from classes.
 */
public final class Version {

    private Version() {}

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        if (version == null) {
            version = System.getProperty("jpackage.app-version");
        }
        return version == null ? "dev" : version;
    }
}
