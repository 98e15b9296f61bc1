package org.dmlworkbench.ui.study;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the Study panel puts over every run of a study, as {@code study run --data D --epochs N}
 * does: a data set and a number of epochs, each optional.
 *
 * @param data the data set for every run, or null for the study's own
 * @param epochs the epochs of every run, or null for the study's own
 */
public record StudyOverrides(String data, Integer epochs) {

    public static final StudyOverrides NONE = new StudyOverrides(null, null);

    /**
     * Reads the panel's two fields; blank means "as the study says".
     *
     * @throws IllegalArgumentException with a sentence fit to show beside the epochs field
     */
    public static StudyOverrides parse(String data, String epochs) {
        String set = data == null || data.isBlank() ? null : data.strip();
        String count = epochs == null ? "" : epochs.strip();
        if (count.isEmpty()) {
            return new StudyOverrides(set, null);
        }
        int value;
        try {
            value = Integer.parseInt(count);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("epochs: '" + count + "' is not a whole number");
        }
        if (value < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + value);
        }
        return new StudyOverrides(set, value);
    }

    /** As StudyPlan.expand takes them (the CLI's option names). */
    public Map<String, Object> asArguments() {
        Map<String, Object> args = new LinkedHashMap<>();
        if (data != null) {
            args.put("data", data);
        }
        if (epochs != null) {
            args.put("epochs", epochs);
        }
        return args;
    }

    /**
     * The study folder's name: the study's, then the data's and the epochs' when overridden,
     * so each variant keeps its own runs (a folder holds one set of overrides).
     */
    public String folderName(String studyName) {
        StringBuilder name = new StringBuilder(studyName);
        if (data != null) {
            name.append('-').append(safe(lastPart(data)));
        }
        if (epochs != null) {
            name.append('-').append(epochs).append("ep");
        }
        return name.toString();
    }

    private static String lastPart(String data) {
        try {
            Path name = Path.of(data).getFileName();
            return name == null ? data : name.toString();
        } catch (InvalidPathException e) {
            return data;
        }
    }

    private static String safe(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }
}
