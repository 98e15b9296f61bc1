package org.dmlworkbench.cli;

import ai.djl.engine.Engine;
import org.dmlworkbench.run.Version;
import picocli.CommandLine;

/** {@code --version}: the workbench, DJL and Java versions. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "DML Workbench " + Version.current(),
            "DJL " + Engine.getDjlVersion() + ", Java " + System.getProperty("java.version")
        };
    }
}
