package org.dmlworkbench.ui.window;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dmlworkbench.run.Version;

/**
 * What Help › About shows: versions read at run time, and the licence statement read from the
 * one licence file the installers ship ({@code installers/LICENSE.txt}, on the class path as
 * {@code /LICENSE.txt} through a link), so the dialog never disagrees with the packages.
 */
public final class AboutInfo {

    /** Class-path copy of installers/LICENSE.txt. */
    public static final String LICENCE_RESOURCE = "/LICENSE.txt";

    private AboutInfo() {}

    /**
     * Versions that need no native library: the workbench, DJL, JavaFX, Java. PyTorch's comes
     * from {@link #pytorchVersion()}, which may load the engine.
     */
    public static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("DML Workbench", Version.current());
        versions.put("DJL", djlVersion());
        versions.put("JavaFX", String.valueOf(System.getProperty("javafx.runtime.version", "unknown")));
        versions.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        return versions;
    }

    private static String djlVersion() {
        try {
            return ai.djl.engine.Engine.getDjlVersion();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    /** PyTorch's version as DJL reports it; loads the engine (slow the first time: call off the UI thread). */
    public static String pytorchVersion() {
        try {
            return ai.djl.engine.Engine.getEngine("PyTorch").getVersion();
        } catch (RuntimeException | LinkageError e) {
            return "not available (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** The licence statement shipped with the program, or a sentence saying it is missing. */
    public static String licence() {
        try (InputStream in = AboutInfo.class.getResourceAsStream(LICENCE_RESOURCE)) {
            if (in == null) {
                return "The licence file is missing from this build; see LICENSE.txt in the installation.";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "The licence file could not be read: " + e.getMessage();
        }
    }
}
