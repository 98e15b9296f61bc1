package org.dmlworkbench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/** A text file naming classes, one per line; blank lines and lines starting with # are skipped. */
public final class ClassListFile {

    private ClassListFile() {}

    public static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new DataFormatException(file, "names no classes (expected one class name per line)");
        }
        return List.copyOf(names);
    }
}
