package org.dmlworkbench.ui.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dmlworkbench.io.Json;
import org.dmlworkbench.io.WorkbenchHome;

/**
 * Where {@link WorkbenchSettings} live: {@code settings.json} in the workbench home, so moving
 * the home ({@code DMLWB_HOME}, {@code -Ddmlwb.home}) moves them too and a test gives its own
 * folder. A file in memory only ({@link #inMemory()}) is used for automated runs (screenshots,
 * smoke test) and tests that must not see a user's choices. Unreadable settings never stop the
 * window: it starts with the defaults and says why in the log.
 */
public final class SettingsFile {

    public static final String NAME = "settings.json";
    private static final Logger LOG = Logger.getLogger(SettingsFile.class.getName());

    private final Path file;
    private final WorkbenchSettings settings;

    private SettingsFile(Path file, WorkbenchSettings settings) {
        this.file = file;
        this.settings = settings;
    }

    /** The user's settings in the workbench home. */
    public static SettingsFile inHome() {
        return at(WorkbenchHome.root().resolve(NAME));
    }

    /** Settings kept in {@code file} (read now if it exists). */
    public static SettingsFile at(Path file) {
        WorkbenchSettings read = new WorkbenchSettings();
        if (Files.exists(file)) {
            try {
                read = Json.read(file, WorkbenchSettings.class);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Ignoring unreadable settings " + file + ": " + e.getMessage());
            }
        }
        return new SettingsFile(file, read);
    }

    /** Settings that start from the defaults and are never written. */
    public static SettingsFile inMemory() {
        return new SettingsFile(null, new WorkbenchSettings());
    }

    public WorkbenchSettings get() {
        return settings;
    }

    /** The file, or null in memory. */
    public Path file() {
        return file;
    }

    /** Writes the settings atomically; a failure is logged, since losing them is no reason to stop. */
    public void save() {
        if (file == null) {
            return;
        }
        try {
            Json.write(file, settings);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not save the settings to " + file + ": " + e.getMessage());
        }
    }
}
