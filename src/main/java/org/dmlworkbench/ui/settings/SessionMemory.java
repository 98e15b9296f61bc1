package org.dmlworkbench.ui.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dmlworkbench.data.Dataset;
import org.dmlworkbench.run.RunDirectory;
import org.dmlworkbench.ui.data.DataViewModel;

/** How the window's state maps to what can be opened again at the next start. */
public final class SessionMemory {

    private SessionMemory() {}

    /**
     * What to open next time to get this data set back: its name for a named set, else its
     * folder; null when neither would find it again (a data set built in memory).
     */
    public static String reopenable(Dataset dataset) {
        if (dataset == null) {
            return null;
        }
        if (DataViewModel.NAMED_SETS.contains(dataset.name())) {
            return dataset.name();
        }
        String location = dataset.location();
        if (location != null && !location.isBlank()) {
            try {
                if (Files.isDirectory(Path.of(location))) {
                    return Path.of(location).toAbsolutePath().normalize().toString();
                }
            } catch (java.nio.file.InvalidPathException e) {
                return null;
            }
        }
        return null;
    }

    /** The remembered data set if it can still be found, else the bundled sample. */
    public static String dataToReopen(WorkbenchSettings settings) {
        String last = settings.lastData;
        if (last == null || last.isBlank()) {
            return "sample";
        }
        if (DataViewModel.NAMED_SETS.contains(last)) {
            return last;
        }
        try {
            // A folder moved or deleted since: start on the sample rather than on an error.
            return Files.isDirectory(Path.of(last)) ? last : "sample";
        } catch (java.nio.file.InvalidPathException e) {
            return "sample";
        }
    }

    /** The run last on show if its folder still holds a run, else null. */
    public static RunDirectory runToReopen(WorkbenchSettings settings) {
        if (settings.lastRun == null || settings.lastRun.isBlank()) {
            return null;
        }
        try {
            RunDirectory run = new RunDirectory(Path.of(settings.lastRun));
            return run.exists() ? run : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
