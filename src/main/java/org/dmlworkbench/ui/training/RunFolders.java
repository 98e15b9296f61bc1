package org.dmlworkbench.ui.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Names of new run folders: date-time and model, e.g. {@code 20250314-091502-hybrid1}. */
public final class RunFolders {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolders() {}

    /** A folder under {@code root} that does not exist yet ("-2", "-3"... added on a clash). */
    public static Path newRunFolder(Path root, String modelName, LocalDateTime now) {
        String model = modelName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        String base = now.format(STAMP) + "-" + model;
        Path folder = root.resolve(base);
        for (int n = 2; Files.exists(folder); n++) {
            folder = root.resolve(base + "-" + n);
        }
        return folder;
    }
}
